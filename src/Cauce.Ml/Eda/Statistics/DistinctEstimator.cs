using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Cauce.Ml.Eda.Statistics;

/// <summary>
/// HyperLogLog with 4,096 registers (Flajolet et al.): the number of distinct values of a column too varied to
/// count exactly, in 4 KB, within about 2%.
/// </summary>
internal sealed class DistinctEstimator
{
    private const int IndexBits = 12;
    private const int Registers = 1 << IndexBits;
    private readonly byte[] _registers = new byte[Registers];

    public void Add(ReadOnlySpan<char> value) => AddHash(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(value)));

    public void AddHash(ulong hash)
    {
        var index = (int)(hash >> (64 - IndexBits));
        var rest = (hash << IndexBits) | (1UL << (IndexBits - 1));
        var rank = (byte)(BitOperations.LeadingZeroCount(rest) + 1);
        if (rank > _registers[index])
            _registers[index] = rank;
    }

    public long Estimate()
    {
        double sum = 0;
        var zeros = 0;
        foreach (var register in _registers)
        {
            sum += Math.ScaleB(1.0, -register);
            if (register == 0)
                zeros++;
        }

        const double alpha = 0.7213 / (1 + (1.079 / Registers));
        var estimate = alpha * Registers * Registers / sum;
        if (estimate <= 2.5 * Registers && zeros > 0)
            estimate = Registers * Math.Log((double)Registers / zeros);
        return (long)Math.Round(estimate);
    }
}
