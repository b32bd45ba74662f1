using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Cauce.Ml.Modeling.Linear;

/// <summary>
/// The few float loops a linear model runs per row, with <see cref="Vector{T}"/>. TensorPrimitives does the same,
/// but its generic code takes the JIT tens of milliseconds on first use, longer than a whole fit on a few thousand
/// rows; these compile in a fraction of that, straight to optimised code.
/// </summary>
internal static class Vectors
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y[..x.Length]);
        var sum = Vector<float>.Zero;
        for (var i = 0; i < vx.Length; i++)
            sum += vx[i] * vy[i];
        var result = Vector.Sum(sum);
        for (var i = vx.Length * Vector<float>.Count; i < x.Length; i++)
            result += x[i] * y[i];
        return result;
    }

    /// <summary><paramref name="sum"/> += <paramref name="a"/> · <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScaled(ReadOnlySpan<float> x, float a, Span<float> sum)
    {
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var vs = MemoryMarshal.Cast<float, Vector<float>>(sum[..x.Length]);
        var va = new Vector<float>(a);
        for (var i = 0; i < vx.Length; i++)
            vs[i] += va * vx[i];
        for (var i = vx.Length * Vector<float>.Count; i < x.Length; i++)
            sum[i] += a * x[i];
    }

    /// <summary><paramref name="to"/> = (<paramref name="x"/> − <paramref name="offset"/>) · <paramref name="scale"/>, element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Standardise(ReadOnlySpan<float> x, ReadOnlySpan<float> offset, ReadOnlySpan<float> scale, Span<float> to)
    {
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var vo = MemoryMarshal.Cast<float, Vector<float>>(offset[..x.Length]);
        var vs = MemoryMarshal.Cast<float, Vector<float>>(scale[..x.Length]);
        var vt = MemoryMarshal.Cast<float, Vector<float>>(to[..x.Length]);
        for (var i = 0; i < vx.Length; i++)
            vt[i] = (vx[i] - vo[i]) * vs[i];
        for (var i = vx.Length * Vector<float>.Count; i < x.Length; i++)
            to[i] = (x[i] - offset[i]) * scale[i];
    }
}
