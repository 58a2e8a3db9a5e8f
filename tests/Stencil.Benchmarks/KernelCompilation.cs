using System.Reflection;
using System.Runtime.CompilerServices;
using Stencil.CompilerServices;

namespace Stencil.Benchmarks;

/// <summary>
/// JIT-compiles every method of the generated CPU kernels (the classes deriving from
/// <see cref="CpuKernel"/>) in the given assemblies, so that the JIT's listing of them
/// (<c>DOTNET_JitDisasm</c>, <c>DOTNET_JitStdOutFile</c>) shows the machine code they run:
/// <c>JitInliningTests</c> check that their vector operations and helpers are inlined.
/// </summary>
internal static class KernelCompilation
{
    /// <summary>Compiles the kernels' methods; returns how many.</summary>
    public static int CompileAll(IEnumerable<string> assemblyPaths)
    {
        int count = 0;
        foreach (string path in assemblyPaths.Select(Path.GetFullPath))
        {
            // The assembly's own dependencies (a test assembly's test framework) lie beside it.
            string directory = Path.GetDirectoryName(path)!;
            AppDomain.CurrentDomain.AssemblyResolve += (_, e) =>
                File.Exists(Path.Combine(directory, new AssemblyName(e.Name).Name + ".dll"))
                    ? Assembly.LoadFrom(Path.Combine(directory, new AssemblyName(e.Name).Name + ".dll"))
                    : null;
            foreach (var type in LoadableTypes(Assembly.LoadFrom(path)).Where(t => t.IsSubclassOf(typeof(CpuKernel))))
            {
                foreach (var method in type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (method.IsAbstract || method.ContainsGenericParameters) continue;
                    RuntimeHelpers.PrepareMethod(method.MethodHandle);
                    count++;
                }
            }
        }
        return count;
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
