namespace Stencil.Tests;

/// <summary>Mistakes on the host side of the DSL get errors that name the culprit and the fix.</summary>
public sealed class HostUseTests
{
    [Theory]
    [InlineData(12, 0, 1, "ny", "ny is 0")]
    [InlineData(0, 5, 1, "nx", "nx is 0")]
    [InlineData(4, 5, -2, "nz", "nz is -2")]
    public void Allocation_blames_the_extent_that_is_wrong(int nx, int ny, int nz, string parameter, string message)
    {
        using var backend = Backends.Cpu(1);
        var e = Should.Throw<ArgumentOutOfRangeException>(() => nz == 1 ? backend.Allocate<double>(nx, ny) : backend.Allocate<double>(nx, ny, nz));
        e.ParamName.ShouldBe(parameter);
        e.Message.ShouldContain(message);
    }

    [Fact]
    public void Reading_an_element_on_the_host_says_how_to_read_values()
    {
        using var backend = Backends.Cpu(1);
        using var K = backend.Allocate<double>(3, 3);
        var e = Should.Throw<InvalidOperationException>(() => { _ = K[0, 0]; });
        e.Message.ShouldContain("[Stencil] method");
        e.Message.ShouldContain("ToArray()");
        e.Message.ShouldContain("CopyToHost");
        e.Message.ShouldContain("CopyFromHost");
    }
}
