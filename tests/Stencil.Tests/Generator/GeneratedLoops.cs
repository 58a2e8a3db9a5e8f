using System.Text.RegularExpressions;

namespace Stencil.Tests.Generator;

/// <summary>The SIMD x loops of generated CPU kernels, for tests that read generated code.</summary>
internal static class GeneratedLoops
{
    /// <summary>The bodies of the generated SIMD x loops (<c>for (int xLast = ...; ix += 8) { ... }</c>), with their vector bits (doubles).</summary>
    public static IEnumerable<(int Bits, string Body)> Bodies(string generated)
    {
        foreach (Match start in Regex.Matches(generated, @"for \(int xLast = [^\n]*ix \+= (\d+)\)\s*\n\s*\{"))
        {
            int depth = 1, i = start.Index + start.Length;
            int from = i;
            for (; depth > 0; i++)
            {
                if (generated[i] == '{') depth++;
                else if (generated[i] == '}') depth--;
            }
            yield return (int.Parse(start.Groups[1].Value) * 64, generated[from..(i - 1)]);
        }
    }
}
