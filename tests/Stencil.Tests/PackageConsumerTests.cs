using System.Globalization;
using System.Text.RegularExpressions;

namespace Stencil.Tests;

/// <summary>
/// The packages as a user meets them: <c>dotnet pack</c> into a temporary feed, then console projects
/// outside the solution that reference the packages by name. The first kernel of the packages'
/// README builds with one package reference (generator and AllowUnsafeBlocks come with it), runs,
/// and prints what a hand-written loop computes; a project without the generator or without the
/// runtime is told what is missing.
/// </summary>
public sealed class PackageConsumerTests : IClassFixture<PackageConsumerTests.Feed>
{
    private readonly Feed _feed;

    public PackageConsumerTests(Feed feed) => _feed = feed;

    [Fact]
    public void The_readme_kernel_builds_from_one_package_reference_and_computes_what_a_loop_computes()
    {
        var run = BuildAndRun("App", ReadmeProgram());

        // The README's problem by hand: H_i = sin(3 i dx) on n = 64 points, R_i = (H_i - 2 H_i+1 + H_i+2) / dx^2 - H_i+1^3.
        // With seeds Rbar = 1, sum_j Hbar_j = sum_i sum_j dR_i/dH_j = sum_i (1 - 2 + 1) / dx^2 - 3 H_i+1^2.
        const int n = 64;
        double dx = 1.0 / (n - 1);
        var h = Enumerable.Range(0, n).Select(i => Math.Sin(3 * i * dx)).ToArray();
        double sumR = 0, sumHbar = 0;
        for (int i = 0; i < n - 2; i++)
        {
            sumR += (h[i] - 2 * h[i + 1] + h[i + 2]) / (dx * dx) - h[i + 1] * h[i + 1] * h[i + 1];
            sumHbar += -3 * h[i + 1] * h[i + 1];
        }
        Printed(run.Output, "sum R").ShouldBe(sumR, 1e-12 * Math.Abs(sumR));
        Printed(run.Output, "sum Hbar").ShouldBe(sumHbar, 1e-12 * Math.Abs(sumHbar));
        Printed(run.Output, "dot-product test: relative error").ShouldBeLessThan(1e-12);
    }

    [Fact]
    public void The_repository_readme_program_builds_as_pasted_and_computes_what_a_loop_computes()
    {
        var run = BuildAndRun("ReadmeApp", CodeBlock(Path.Combine(RepositoryRoot(), "README.md"), "## What a user writes"));

        // The README's fields by hand: K = 0.5 + u, then Pf = u, u from Random(1); q = 0. Rqx on the inner
        // x-faces is the mean K times ∂Pf/∂x. With all seeds 1, Σ KBar = Σ over inner faces of ∂R/∂K_left + ∂R/∂K_right = ΔPf / spacing.
        const int nx = 64, ny = 32;
        double dx = 2.0 / nx, dy = 1.0 / ny;
        var random = new Random(1);
        var k = Enumerable.Range(0, nx * ny).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var pf = Enumerable.Range(0, nx * ny).Select(_ => random.NextDouble()).ToArray();
        double sumRqx = 0, sumKbar = 0;
        for (int j = 0; j < ny; j++)
            for (int i = 1; i < nx; i++)
            {
                double dPf = pf[i + nx * j] - pf[i - 1 + nx * j];
                sumRqx += 0.5 * (k[i - 1 + nx * j] + k[i + nx * j]) * dPf / dx;
                sumKbar += dPf / dx;
            }
        for (int j = 1; j < ny; j++)
            for (int i = 0; i < nx; i++)
                sumKbar += (pf[i + nx * j] - pf[i + nx * (j - 1)]) / dy;
        Printed(run.Output, "sum Rqx").ShouldBe(sumRqx, 1e-12 * Math.Abs(sumRqx) + 1e-12);
        Printed(run.Output, "sum KBar").ShouldBe(sumKbar, 1e-12 * Math.Abs(sumKbar) + 1e-12);
        Printed(run.Output, "dot-product test: relative error").ShouldBeLessThan(1e-12);
        run.Output.ShouldContain("Taylor test passed: True");
    }

    [Fact]
    public void The_getting_started_program_builds_as_pasted_and_reaches_the_steady_state_of_a_Newton_solve()
    {
        var run = BuildAndRun("GettingStarted", CodeBlock(Path.Combine(RepositoryRoot(), "docs", "getting-started.md"), "## The program"));

        // By hand: H_i = sin(π i dx) on n = 128 points; with seeds 1 on RH_i = −(H_i+1 − 2 H_i + H_i−1)/dx² + H_i³ − 1 (q = 0),
        // Σ Hbar = Σ over inner points of ∂RH_i/∂H_i through H³ alone (the flux q does not depend on H) = Σ 3 H_i².
        const int n = 128;
        double dx = 1.0 / (n - 1);
        double sumHbar = Enumerable.Range(1, n - 2).Sum(i => 3 * Math.Pow(Math.Sin(Math.PI * i * dx), 2));
        Printed(run.Output, "sum Hbar").ShouldBe(sumHbar, 1e-12 * sumHbar);
        Printed(run.Output, "dot-product test: relative error").ShouldBeLessThan(1e-12);
        run.Output.ShouldContain("steady state: converged");

        // The steady state of the same discrete equations by Newton's method (tridiagonal Jacobian, Thomas algorithm).
        var h = new double[n];
        for (int newton = 0; newton < 30; newton++)
        {
            var (a, b, c, r) = (new double[n], new double[n], new double[n], new double[n]);
            for (int i = 1; i < n - 1; i++)
            {
                r[i] = -(h[i + 1] - 2 * h[i] + h[i - 1]) / (dx * dx) + h[i] * h[i] * h[i] - 1;
                (a[i], b[i], c[i]) = (-1 / (dx * dx), 2 / (dx * dx) + 3 * h[i] * h[i], -1 / (dx * dx));
            }
            for (int i = 2; i < n - 1; i++)
            {
                double m = a[i] / b[i - 1];
                b[i] -= m * c[i - 1];
                r[i] -= m * r[i - 1];
            }
            var step = new double[n];
            for (int i = n - 2; i >= 1; i--) step[i] = (r[i] - c[i] * step[i + 1]) / b[i];
            for (int i = 1; i < n - 1; i++) h[i] -= step[i];
        }
        Printed(run.Output, "H at the centre").ShouldBe(h[n / 2], 1e-9);
    }

    [Fact]
    public void The_packages_carry_the_generator_the_build_settings_and_their_dependencies()
    {
        using var dsl = System.IO.Compression.ZipFile.OpenRead(_feed.Package("Stencil.Dsl"));
        dsl.Entries.Select(e => e.FullName).ShouldContain("analyzers/dotnet/cs/Stencil.Generators.dll");
        dsl.Entries.Select(e => e.FullName).ShouldContain("buildTransitive/Stencil.Dsl.props");
        dsl.Entries.Select(e => e.FullName).ShouldContain("README.md");

        // The runtime depends on the DSL with every asset, so its analyzer and build files reach a project that references only the runtime.
        Nuspec("Stencil.Runtime").ShouldContain($"<dependency id=\"Stencil.Dsl\" version=\"{Feed.Version}\" include=\"All\" />");
        // Single-process users pull no MPI: only the distributed package depends on MPI.NET.
        Nuspec("Stencil.Runtime").ShouldNotContain("MPI.NET");
        Nuspec("Stencil.Distributed").ShouldContain("<dependency id=\"MPI.NET\"");
        // Users who do not plot pull no graphics library: only the plots package depends on ScottPlot.
        Nuspec("Stencil.Runtime").ShouldNotContain("ScottPlot");
        Nuspec("Stencil.Distributed").ShouldNotContain("ScottPlot");
        Nuspec("Stencil.Plots").ShouldContain("<dependency id=\"ScottPlot\"");
        foreach (var id in new[] { "Stencil.Dsl", "Stencil.Runtime", "Stencil.Distributed", "Stencil.Plots" })
        {
            Nuspec(id).ShouldContain("<license type=\"expression\">MIT</license>");
            Nuspec(id).ShouldContain("<readme>README.md</readme>");
            Nuspec(id).ShouldContain("<description>");
            File.Exists(Path.ChangeExtension(_feed.Package(id), ".snupkg")).ShouldBeTrue(id);
        }
    }

    [Fact]
    public void A_project_whose_build_lacks_the_generator_is_told_so_beside_the_compiler_error()
    {
        // However the generator went missing, the call sites alone would only say CS0122.
        const string dropGenerator = """
              <Target Name="DropStencilGenerator" BeforeTargets="StencilCheckReferences">
                <ItemGroup><Analyzer Remove="@(Analyzer)" Condition="'%(Filename)' == 'Stencil.Generators'" /></ItemGroup>
              </Target>
            """;
        var app = _feed.Project("NoGenerator", Reference("Stencil.Runtime") + dropGenerator, ReadmeProgram());
        var build = Dotnet(app, "build", "-c", "Release");
        build.ExitCode.ShouldNotBe(0);
        build.Output.ShouldContain("error CS0122");
        build.Output.ShouldContain("warning STENCIL100: The Stencil generator is not among the analyzers of project 'NoGenerator'");
    }

    [Fact]
    public void A_project_with_the_dsl_but_not_the_runtime_is_told_to_add_it()
    {
        var app = _feed.Project("NoRuntime", Reference("Stencil.Dsl"), ReadmeProgram());
        var build = Dotnet(app, "build", "-c", "Release");
        build.ExitCode.ShouldNotBe(0);
        build.Output.ShouldContain("warning STENCIL101: Project 'NoRuntime' references Stencil.Dsl but not Stencil.Runtime");
        build.Output.ShouldContain("<PackageReference Include=\"Stencil.Runtime\" />");
    }

    /// <summary>Builds <paramref name="program"/> as a console project that references Stencil.Runtime by name (no Stencil warning allowed), runs it, and checks that it succeeded.</summary>
    private (int ExitCode, string Output) BuildAndRun(string name, string program)
    {
        var app = _feed.Project(name, Reference("Stencil.Runtime"), program);
        var build = Dotnet(app, "build", "-c", "Release");
        build.ExitCode.ShouldBe(0, build.Output);
        build.Output.ShouldNotContain("warning STENCIL");
        var run = Dotnet(app, Path.Combine(app, "bin", "Release", "net10.0", name + ".dll"));
        run.ExitCode.ShouldBe(0, run.Output);
        return run;
    }

    private static string Reference(string id) => $"""<ItemGroup><PackageReference Include="{id}" Version="{Feed.Version}" /></ItemGroup>""";

    private string Nuspec(string id)
    {
        using var package = System.IO.Compression.ZipFile.OpenRead(_feed.Package(id));
        using var reader = new StreamReader(package.GetEntry($"{id}.nuspec")!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>The C# block of the packages' README, as a user would paste it.</summary>
    private static string ReadmeProgram() => CodeBlock(Path.Combine(RepositoryRoot(), "src", "README.md"), "");

    /// <summary>The first C# block after <paramref name="heading"/> in a markdown file.</summary>
    private static string CodeBlock(string markdown, string heading)
    {
        var text = File.ReadAllText(markdown);
        int from = text.IndexOf(heading, StringComparison.Ordinal);
        from.ShouldBeGreaterThanOrEqualTo(0, $"'{heading}' not in {markdown}");
        var block = Regex.Match(text[from..], "```csharp\n(.*?)```", RegexOptions.Singleline);
        block.Success.ShouldBeTrue($"no C# block after '{heading}' in {markdown}");
        return block.Groups[1].Value;
    }

    private static double Printed(string output, string label)
    {
        var match = Regex.Match(output, "^" + Regex.Escape(label) + @" =? ?([-+0-9.E]+)", RegexOptions.Multiline);
        match.Success.ShouldBeTrue($"'{label}' not in the output:\n{output}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    internal static (int ExitCode, string Output) Dotnet(string directory, params string[] args)
    {
        var run = ChildProcess.Run("dotnet", args, TimeSpan.FromMinutes(5), start =>
        {
            start.WorkingDirectory = directory;
            // The test host runs inside an MSBuild-started process; the user's build must not inherit its settings.
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList()) start.Environment.Remove(name);
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
        });
        return (run.ExitCode, run.Output + run.Errors);
    }

    /// <summary>
    /// The four packages packed once into a temporary feed, with a version of their own so that no
    /// package cache can hold another build of it, and a NuGet configuration that consumers in the
    /// same folder use: the feed first, restored packages in a private folder, the machine's package
    /// cache as a read-only fallback for ILGPU and MPI.NET.
    /// </summary>
    public sealed class Feed : IDisposable
    {
        public static readonly string Version = "0.0.0-consumer-test";

        private readonly string _root = Path.Combine(Path.GetTempPath(), "stencil-consumer-" + Guid.NewGuid().ToString("N")[..12]);

        public Feed()
        {
            string feed = Path.Combine(_root, "feed");
            Directory.CreateDirectory(feed);
            string repository = RepositoryRoot();
            foreach (var project in new[] { "Stencil.Dsl", "Stencil.Runtime", "Stencil.Distributed", "Stencil.Plots" })
            {
                // The test's own build already compiled them in this configuration.
                var pack = Dotnet(repository, "pack", Path.Combine(repository, "src", project, project + ".csproj"), "-c", Configuration, "--no-build", "-o", feed, $"-p:Version={Version}");
                pack.ExitCode.ShouldBe(0, pack.Output);
            }
            string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            File.WriteAllText(Path.Combine(_root, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <config><add key="globalPackagesFolder" value="{Path.Combine(_root, "packages")}" /></config>
                  <packageSources>
                    <clear />
                    <add key="stencil" value="{feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                  <fallbackPackageFolders><add key="cache" value="{cache}" /></fallbackPackageFolders>
                </configuration>
                """);
        }

        public string Package(string id) => Path.Combine(_root, "feed", $"{id}.{Version}.nupkg");

        /// <summary>A console project outside the solution with <paramref name="items"/> in its project file.</summary>
        public string Project(string name, string items, string program)
        {
            string directory = Path.Combine(_root, name);
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                    <AssemblyName>{name}</AssemblyName>
                  </PropertyGroup>
                  {items}
                </Project>
                """);
            File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
            return directory;
        }

        private static string Configuration =>
#if DEBUG
            "Debug";
#else
            "Release";
#endif

        public void Dispose()
        {
            try { Directory.Delete(_root, recursive: true); }
            catch (IOException) { }
        }
    }
}
