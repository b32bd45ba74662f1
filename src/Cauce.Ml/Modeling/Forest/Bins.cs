using Cauce.Ml.Modeling.Training;

namespace Cauce.Ml.Modeling.Forest;

/// <summary>
/// Each column's values cut into at most 256 bins, so a tree tries a split between bins rather than between every
/// two values: the column's distinct values when it has at most 256 (cut halfway between neighbours), else 255
/// quantiles of at most <see cref="SampleRows"/> rows taken at even steps. A value goes to the first bin whose
/// threshold it does not pass (x ≤ threshold), so a split "bin ≤ b" is the test "x ≤ threshold[b]" on raw values,
/// the one a fitted tree keeps.
/// </summary>
internal static class Bins
{
    public const int Most = 256;
    private const int SampleRows = 200_000;

    /// <summary>The thresholds of each column, ascending: a column with <c>t</c> thresholds has <c>t + 1</c> bins.</summary>
    public static float[][] Thresholds(float[] matrix, int rows, int columns)
    {
        var step = Math.Max(1, (rows + SampleRows - 1) / SampleRows);
        var thresholds = new float[columns][];
        RowParallelism.For(columns, columns >= 4 && rows >= RowParallelism.MinRows, c =>
        {
            var values = new float[(rows + step - 1) / step];
            for (var i = 0; i < values.Length; i++)
                values[i] = matrix[(i * step * columns) + c];
            Array.Sort(values);
            var distinct = new List<float>();
            foreach (var value in values)
            {
                if (distinct.Count == 0 || distinct[^1] != value)
                    distinct.Add(value);
            }

            var cuts = new List<float>();
            if (distinct.Count <= Most)
            {
                for (var i = 0; i + 1 < distinct.Count; i++)
                {
                    var middle = (float)((distinct[i] + (double)distinct[i + 1]) / 2);
                    cuts.Add(middle < distinct[i + 1] ? middle : distinct[i]);
                }
            }
            else
            {
                for (var q = 1; q < Most; q++)
                {
                    var value = values[(int)((long)q * values.Length / Most)];
                    if (cuts.Count == 0 || cuts[^1] < value)
                        cuts.Add(value);
                }
            }

            thresholds[c] = [.. cuts];
        });
        return thresholds;
    }

    /// <summary>Every value's bin, row-major like <paramref name="matrix"/>.</summary>
    public static byte[] Assign(float[] matrix, int rows, int columns, float[][] thresholds)
    {
        var bins = new byte[(long)rows * columns];
        const int Block = 8192;
        var blocks = (rows + Block - 1) / Block;
        RowParallelism.For(blocks, rows >= RowParallelism.MinRows, b =>
        {
            for (var i = b * Block; i < Math.Min(rows, (b + 1) * Block); i++)
            {
                for (var c = 0; c < columns; c++)
                    bins[((long)i * columns) + c] = Of(matrix[((long)i * columns) + c], thresholds[c]);
            }
        });
        return bins;
    }

    /// <summary>The bin of <paramref name="value"/>: the first threshold it does not pass, or the last bin.</summary>
    private static byte Of(float value, float[] thresholds)
    {
        var (low, high) = (0, thresholds.Length);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (value <= thresholds[middle])
                high = middle;
            else
                low = middle + 1;
        }

        return (byte)low;
    }
}
