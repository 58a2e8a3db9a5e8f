namespace Stencil.Tests;

/// <summary>
/// The library's support for inversion runs: local potential steps against a hand-written loop, the
/// Taylor test of an objective (a right and a wrong gradient), the saved inversion's refusals and
/// resume, and the output folder check.
/// </summary>
public sealed class RunSupportTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Potential_steps_take_the_largest_diffusivity_of_each_point_and_its_neighbours(int rank)
    {
        using var backend = Backends.Cpu(1);
        var (nx, ny, nz) = rank switch { 1 => (7, 1, 1), 2 => (6, 5, 1), _ => (5, 4, 3) };
        using var d = rank switch { 1 => backend.Allocate<double>(nx), 2 => backend.Allocate<double>(nx, ny), _ => backend.Allocate<double>(nx, ny, nz) };
        using var steps = rank switch { 1 => backend.Allocate<double>(nx), 2 => backend.Allocate<double>(nx, ny), _ => backend.Allocate<double>(nx, ny, nz) };
        var values = Grid.Random((int)d.Length, 5, 1e-6, 1);
        d.CopyFromHost(values);
        PseudoTransientParameters.PotentialSteps(steps, d, 0.01, 2, 3);

        var result = steps.ToArray();
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                {
                    double V(int i, int j, int k) => i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz ? 0 : values[i + nx * (j + ny * k)];
                    double max = new[] { V(x, y, z), V(x - 1, y, z), V(x + 1, y, z), V(x, y - 1, z), V(x, y + 1, z), V(x, y, z - 1), V(x, y, z + 1) }.Max();
                    result[x + nx * (y + ny * z)].ShouldBe(0.01 * 2 / (max * 3), 1e-15 / max, $"point ({x}, {y}, {z})");
                }
        using var other = backend.Allocate<double>(nx + 1);
        Should.Throw<ArgumentException>(() => PseudoTransientParameters.PotentialSteps(other, d, 0.01, 2, 3)).Message.ShouldContain("same extents");
    }

    /// <summary>J(m) = Σ (m_i − i)⁴ / 4 + m_0 m_1, with its gradient, or a gradient off by 1 % in one component.</summary>
    private sealed class Quartic(bool wrong) : IObjective
    {
        public double Cost(double[] m) => m.Select((v, i) => Math.Pow(v - i, 4) / 4).Sum() + m[0] * m[1];

        public double CostAndGradient(double[] m, double[] gradient)
        {
            for (int i = 0; i < m.Length; i++) gradient[i] = Math.Pow(m[i] - i, 3);
            gradient[0] += m[1];
            gradient[1] += m[0];
            if (wrong) gradient[2] *= 1.01;
            return Cost(m);
        }
    }

    [Fact]
    public void The_Taylor_test_of_an_objective_passes_its_gradient_and_fails_a_wrong_one()
    {
        double[] m = [0.3, -0.5, 1.2, 2.5], dm = [1, -0.5, 0.7, 0.2];
        var right = Derivatives.TaylorTest(new Quartic(wrong: false), m, dm);
        right.Passed.ShouldBeTrue(right.ToString());
        right.Slope0.ShouldBe(1, 0.1);
        right.Slope1.ShouldBe(2, 0.1);
        m.ShouldBe([0.3, -0.5, 1.2, 2.5]);   // left unchanged
        var wrong = Derivatives.TaylorTest(new Quartic(wrong: true), m, dm);
        wrong.Passed.ShouldBeFalse(wrong.ToString());
        wrong.Slope1.ShouldBeLessThan(1.5);
        Should.Throw<ArgumentException>(() => Derivatives.TaylorTest(new Quartic(false), m, [1, 2])).Message.ShouldContain("one value per parameter");
    }

    private static string Temporary() => Directory.CreateTempSubdirectory("stencil-run-").FullName;

    [Fact]
    public void A_saved_inversion_resumes_bit_for_bit_and_refuses_another_runs_state_without_losing_it()
    {
        string folder = Temporary();
        var lbfgs = new Lbfgs(new LbfgsOptions { Iterations = 4, FirstStep = 0.1 });
        double[] start = [1, 1, 1, 1];

        var whole = new SavedInversion(Temporary(), "quartic");
        var uninterrupted = whole.Start(lbfgs, new Quartic(false), start);
        whole.Run(lbfgs, new Quartic(false), uninterrupted).ShouldBeTrue();

        var first = new SavedInversion(folder, "quartic");
        first.StatePath.ShouldBe(Path.Combine(folder, "inversion.state"));
        var state = first.Start(lbfgs, new Quartic(false), start);
        first.Resumed.ShouldBeFalse();
        new Lbfgs(new LbfgsOptions { Iterations = 2, FirstStep = 0.1 }).Run(new Quartic(false), state, s => s.Save(first.StatePath));
        var log = new StringWriter();
        var again = new SavedInversion(folder, "quartic") { Resume = true, Log = log };
        var resumed = again.Start(lbfgs, new Quartic(false), start);
        again.Resumed.ShouldBeTrue();
        log.ToString().ShouldContain("resuming after iteration 2");
        again.Run(lbfgs, new Quartic(false), resumed);
        resumed.Parameters.ShouldBe(uninterrupted.Parameters);   // bit for bit
        InversionState.Load(again.StatePath).Iteration.ShouldBe(4);

        var written = File.ReadAllBytes(first.StatePath);
        new SavedInversion(folder, "quartic") { Resume = true }.Check().ShouldBeTrue();
        new SavedInversion(Temporary(), "quartic") { Resume = true }.Check().ShouldBeFalse();
        Should.Throw<RefusedInputException>(() => new SavedInversion(folder, "another case").Check());
        Should.Throw<RefusedInputException>(() => new SavedInversion(folder, "another case").Start(lbfgs, new Quartic(false), start))
            .Message.ShouldContain("holds the inversion state of another run (quartic, process 0 of 1; this one is another case, process 0 of 1)");
        Should.Throw<RefusedInputException>(() => new SavedInversion(folder, "another case") { Resume = true }.Start(lbfgs, new Quartic(false), start))
            .Message.ShouldContain("resume with the options that wrote it");
        File.ReadAllBytes(first.StatePath).ShouldBe(written);   // nothing lost
        new SavedInversion(folder, "another case") { Force = true }.Start(lbfgs, new Quartic(false), start).Iteration.ShouldBe(0);
        InversionState.Load(first.StatePath).Label.ShouldBe("another case, process 0 of 1");
    }

    [Fact]
    public void An_output_folder_is_made_or_refused_with_the_option_that_chooses_another()
    {
        string folder = Path.Combine(Temporary(), "new", "nested");
        OutputFolder.Require(folder);
        Directory.Exists(folder).ShouldBeTrue();
        Directory.GetFiles(folder).ShouldBeEmpty();   // the probe is gone
        var message = Should.Throw<ArgumentException>(() => OutputFolder.Require("/proc/stencil-cannot-write-here", option: "--results")).Message;
        message.ShouldStartWith("Cannot write to the output folder '/proc/stencil-cannot-write-here' (");
        message.ShouldEndWith("choose another with --results.");
    }
}
