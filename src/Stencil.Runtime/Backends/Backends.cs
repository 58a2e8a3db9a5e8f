using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace Stencil;

/// <summary>Creates backends: <c>Backends.Cpu()</c> by default, or an ILGPU accelerator.</summary>
public static class Backends
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Names = ["cpu", "cuda", "opencl", "ilgpu-cpu"];

    /// <summary>The native CPU backend with one thread per core, or <paramref name="threads"/>.</summary>
    public static CpuBackend Cpu(int? threads = null) => new(threads);

    /// <summary>An NVIDIA GPU through CUDA.</summary>
    public static IlgpuBackend Cuda(int device = 0)
    {
        var context = CreateContext(b => b.Cuda());
        var devices = context.GetCudaDevices();
        if (device < 0 || device >= devices.Count)
        {
            context.Dispose();
            throw new InvalidOperationException(devices.Count == 0
                ? "No CUDA device found: check the NVIDIA driver (nvidia-smi), or run with the cpu backend."
                : $"CUDA device {device} does not exist; devices 0..{devices.Count - 1} are available.");
        }
        return new IlgpuBackend(context, devices[device].CreateAccelerator(context), "cuda");
    }

    /// <summary>A GPU through OpenCL.</summary>
    public static IlgpuBackend OpenCL(int device = 0)
    {
        var context = CreateContext(b => b.OpenCL());
        var devices = context.GetCLDevices();
        if (device < 0 || device >= devices.Count)
        {
            context.Dispose();
            throw new InvalidOperationException(devices.Count == 0
                ? "No OpenCL device found: install the vendor's OpenCL driver, or run with the cpu backend."
                : $"OpenCL device {device} does not exist; devices 0..{devices.Count - 1} are available.");
        }
        return new IlgpuBackend(context, devices[device].CreateAccelerator(context), "opencl");
    }

    /// <summary>ILGPU's CPU simulator: runs the GPU kernels on the CPU, about 1000x slower than <see cref="Cpu"/>; for tests on tiny grids.</summary>
    public static IlgpuBackend IlgpuCpu()
    {
        var context = CreateContext(b => b.CPU());
        return new IlgpuBackend(context, context.CreateCPUAccelerator(0), "ilgpu-cpu");
    }

    /// <summary>
    /// An ILGPU context for a device kind, with ILGPU.Algorithms' math library: without it the GPU
    /// backends have no Math.Pow, Exp, Log, Tanh... (ILGPU's PTX backend rejects them). At
    /// optimisation level O2, whose address-space inference makes field accesses global loads and
    /// stores (<c>ld.global</c>) instead of generic ones.
    /// </summary>
    internal static Context CreateContext(Action<Context.Builder> device) => Context.Create(b =>
    {
        device(b);
        b.EnableAlgorithms();
        b.Optimize(OptimizationLevel.O2);
    });

    /// <summary>The backend named <paramref name="name"/>: one of <see cref="Names"/>.</summary>
    public static Backend Create(string name) => Known(name).ToLowerInvariant() switch
    {
        "cpu" => Cpu(),
        "cuda" => Cuda(),
        "opencl" => OpenCL(),
        _ => IlgpuCpu(),
    };

    /// <summary><paramref name="name"/> if it is one of <see cref="Names"/> (any case); else refused with the names, before any device is opened.</summary>
    internal static string Known(string name)
        => Names.Contains(name.ToLowerInvariant()) ? name : throw new ArgumentException($"Unknown backend '{name}'; choose one of: {string.Join(", ", Names)}.");
}
