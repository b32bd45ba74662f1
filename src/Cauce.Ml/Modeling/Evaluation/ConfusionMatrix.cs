using System.Globalization;
using System.Text;

namespace Cauce.Ml.Modeling.Evaluation;

/// <summary>
/// How many rows of each actual class (rows) were predicted as each class (columns); <c>Labels[i]</c> names class
/// <c>i</c> on both axes. Two matrices are equal when their labels and counts are.
/// </summary>
public sealed record ConfusionMatrix(IReadOnlyList<string> Labels, long[,] Counts)
{
    /// <summary>The class names, in class-index order.</summary>
    public IReadOnlyList<string> Labels { get; } = Labels ?? throw new ArgumentNullException(nameof(Labels));

    /// <summary><c>Counts[actual, predicted]</c>; square, one row and one column per label.</summary>
    public long[,] Counts { get; } = RequireSquare(Counts, Labels);

    /// <summary>The total number of rows counted.</summary>
    public long Total
    {
        get
        {
            long total = 0;
            foreach (var count in Counts)
                total += count;
            return total;
        }
    }

    /// <summary>Counts each (actual, predicted) pair; classes are indexes into <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">Different lengths, or a class outside [0, labels.Count). Empty input
    /// gives a matrix of zeros.</exception>
    public static ConfusionMatrix For(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Inputs.RequireSameLength(actual.Length, predicted.Length, nameof(predicted));
        Inputs.RequireClasses(actual, labels.Count, nameof(actual));
        Inputs.RequireClasses(predicted, labels.Count, nameof(predicted));

        var counts = new long[labels.Count, labels.Count];
        for (var i = 0; i < actual.Length; i++)
            counts[actual[i], predicted[i]]++;
        return new ConfusionMatrix(labels, counts);
    }

    private static long[,] RequireSquare(long[,] counts, IReadOnlyList<string>? labels)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var size = labels?.Count ?? 0;
        if (counts.GetLength(0) != size || counts.GetLength(1) != size)
            throw new ArgumentException($"counts is {counts.GetLength(0)}×{counts.GetLength(1)} but there are {size} labels; it must be {size}×{size}", nameof(Counts));
        return counts;
    }

    public bool Equals(ConfusionMatrix? other) =>
        other is not null
        && Labels.SequenceEqual(other.Labels, StringComparer.Ordinal)
        && Counts.Length == other.Counts.Length
        && Counts.Cast<long>().SequenceEqual(other.Counts.Cast<long>());

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var label in Labels)
            hash.Add(label, StringComparer.Ordinal);
        foreach (var count in Counts)
            hash.Add(count);
        return hash.ToHashCode();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Labels = [{string.Join(", ", Labels)}], Counts = [");
        for (var a = 0; a < Labels.Count; a++)
        {
            builder.Append(a == 0 ? "[" : ", [");
            for (var p = 0; p < Labels.Count; p++)
                builder.Append(CultureInfo.InvariantCulture, $"{(p == 0 ? "" : ", ")}{Counts[a, p]}");
            builder.Append(']');
        }

        builder.Append(']');
        return true;
    }
}
