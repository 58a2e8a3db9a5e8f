using Geothermal2D;
using Case = Geothermal2D.Case;

namespace Stencil.Tests;

/// <summary>
/// Declaring a problem with typed handles: the generated <c>Bind{Kernel}</c> methods (a kernel bound
/// to its arguments in the method's order) and states named by their fields.
/// </summary>
public sealed class ProblemDeclarationTests
{
    [Fact]
    public void Bind_gives_the_kernel_with_its_fields_and_scalars_in_the_methods_order()
    {
        using var backend = Backends.Cpu(1);
        using var c = Cases.Published(backend, 15);
        var bound = Darcy.BindResidualFluxes(c.Rqx, c.Rqy, c.Qx, c.Qy, c.Pf, c.K, c.Dx, c.Dy);
        bound.Kernel.ShouldBeSameAs(Darcy.ResidualFluxesKernel);
        bound.Fields.ShouldBe([c.Rqx, c.Rqy, c.Qx, c.Qy, c.Pf, c.K]);
        bound.Scalars.ShouldBe([c.Dx, c.Dy]);
        // Named arguments, in any order.
        var named = Darcy.BindResidualPressure(Qf: c.Qf, RPf: c.RPf, dy: c.Dy, dx: c.Dx, qx: c.Qx, qy: c.Qy);
        named.Fields.ShouldBe([c.RPf, c.Qx, c.Qy, c.Qf]);
        named.Scalars.ShouldBe([c.Dx, c.Dy]);
    }

    [Fact]
    public void A_problem_declared_with_bound_kernels_solves_as_one_declared_with_lists()
    {
        using var backend = Backends.Cpu(2);
        double[] Solve(bool typed)
        {
            using var c = Cases.Published(backend, 15);
            c.SetPermeability(c.Local(c.TruePermeability));
            var problem = new SteadyProblem<double>(backend, c.Grid)
                .State("qx", c.Qx, c.Rqx, PseudoTransientParameters.FluxStep(Case.Cfl, c.Nx, Case.Re))
                .State("qy", c.Qy, c.Rqy, PseudoTransientParameters.FluxStep(Case.Cfl, c.Ny, Case.Re))
                .State("Pf", c.Pf, c.RPf, c.PfStep);
            problem = typed
                ? problem.Residual(Darcy.BindResidualFluxes(c.Rqx, c.Rqy, c.Qx, c.Qy, c.Pf, c.K, c.Dx, c.Dy)).Residual(Darcy.BindResidualPressure(c.RPf, c.Qx, c.Qy, c.Qf, c.Dx, c.Dy))
                : problem.Residual(Darcy.ResidualFluxesKernel, [c.Rqx, c.Rqy, c.Qx, c.Qy, c.Pf, c.K], [c.Dx, c.Dy]).Residual(Darcy.ResidualPressureKernel, [c.RPf, c.Qx, c.Qy, c.Qf], [c.Dx, c.Dy]);
            PseudoTransientSolver.Solve(problem, new PseudoTransientOptions { Tolerance = 1e-300, MaxIterations = 50, CheckEvery = 25 });
            return c.Pf.ToArray();
        }
        var typedPf = Solve(typed: true);
        typedPf.Max(Math.Abs).ShouldBeGreaterThan(0);
        typedPf.ShouldBe(Solve(typed: false));
    }

    [Fact]
    public void Monitored_states_can_be_named_by_their_fields()
    {
        using var backend = Backends.Cpu(1);
        using var c = Cases.Published(backend, 15);
        var problem = new SteadyProblem<double>(backend)
            .State("qx", c.Qx, c.Rqx, 0.5)
            .State("Pf", c.Pf, c.RPf, c.PfStep)
            .Monitor(c.Pf);
        problem.Monitored.Select(s => s.Name).ShouldBe(["Pf"]);
        Should.Throw<ArgumentException>(() => problem.Monitor(c.RPf)).Message.ShouldContain("is not a declared state; the states are qx, Pf");
    }

    [Fact]
    public void Adjoint_right_hand_sides_and_gradients_named_by_their_fields_give_the_bits_of_the_positional_lists()
    {
        using var backend = Backends.Cpu(2);
        using var c = Cases.Published(backend, 15);
        c.SetPermeability(c.Local(c.TruePermeability));
        var problem = c.Problem();
        PseudoTransientSolver.Solve(problem, c.ForwardOptions);
        using var dJdPf = backend.Allocate<double>(c.Nx, c.Ny);
        dJdPf.CopyFromHost(c.Local((i, j) => i == 20 && j == 7 ? 1 : i == 3 && j == 4 ? -1 : 0));   // mean-free: Pf is defined up to a constant
        var options = new PseudoTransientOptions { Tolerance = 0, RelativeTolerance = 1e-8, MaxIterations = 100 * c.Nx, CheckEvery = c.Nx };

        using var adjoint = new AdjointSolver<double>(problem);
        using var listed = backend.Allocate<double>(c.Nx, c.Ny);
        var steps = problem.States.Select(s => s.Step).ToArray();
        adjoint.Solve([null, null, dJdPf], steps, options).Converged.ShouldBeTrue();
        var psi = adjoint.Psi.Select(p => p.ToArray()).ToArray();
        adjoint.Gradient([listed]);

        using var named = backend.Allocate<double>(c.Nx, c.Ny);
        adjoint.Solve([(c.Pf, dJdPf)], options).Converged.ShouldBeTrue();   // the forward steps by default
        adjoint.Psi.Select(p => p.ToArray()).ShouldBe(psi);
        adjoint.Gradient((c.K, named));
        named.ToArray().ShouldBe(listed.ToArray());
        named.ToArray().Max(Math.Abs).ShouldBeGreaterThan(0);

        Should.Throw<ArgumentException>(() => adjoint.Solve([(c.RPf, dJdPf)], options)).Message.ShouldContain("is not a declared state; the states are qx, qy, Pf");
        Should.Throw<ArgumentException>(() => adjoint.Gradient((c.Qf, named))).Message.ShouldContain("is not a declared parameter");
    }
}
