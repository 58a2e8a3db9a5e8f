namespace Stencil;

/// <summary>How an optimiser's vector m maps onto a parameter field p.</summary>
public enum ParameterScale
{
    /// <summary>p = m.</summary>
    Linear,

    /// <summary>p = exp m: p stays positive and spans orders of magnitude (a permeability, a diffusivity).</summary>
    Log,
}
