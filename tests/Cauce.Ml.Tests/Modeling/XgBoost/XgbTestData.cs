using Cauce.Ml.Randomness;

namespace Cauce.Ml.Tests.Modeling.XgBoost;

/// <summary>A dense row-major matrix with one label per row, as <c>XgbBooster</c> takes it.</summary>
internal sealed record XgbTestSet(float[] Features, float[] Labels, int Rows, int Columns)
{
    public ReadOnlySpan<float> Row(int row) => Features.AsSpan(row * Columns, Columns);

    /// <summary>The first <paramref name="count"/> rows, and the rest.</summary>
    public (XgbTestSet Head, XgbTestSet Tail) SplitAt(int count) =>
        (new(Features[..(count * Columns)], Labels[..count], count, Columns),
         new(Features[(count * Columns)..], Labels[count..], Rows - count, Columns));
}

/// <summary>Small seeded datasets with a known answer, for checking that XGBoost learns through the binding.</summary>
internal static class XgbTestData
{
    /// <summary>Label 1 when x0 + x1/2 − 0.8·x2 (plus a little noise) is positive; x3, x4 are noise.</summary>
    public static XgbTestSet Binary(int rows, ulong seed = 1, double missingShare = 0)
    {
        const int columns = 5;
        var random = new SeededRandom(seed);
        var features = new float[rows * columns];
        var labels = new float[rows];
        for (var row = 0; row < rows; row++)
        {
            var x = new double[columns];
            for (var column = 0; column < columns; column++)
                x[column] = random.NextDouble(-1, 1);
            labels[row] = x[0] + (0.5 * x[1]) - (0.8 * x[2]) + (0.2 * random.NextGaussian()) > 0 ? 1 : 0;
            for (var column = 0; column < columns; column++)
                features[(row * columns) + column] = random.Bernoulli(missingShare) ? float.NaN : (float)x[column];
        }

        return new(features, labels, rows, columns);
    }

    /// <summary>y = 2x + Gaussian noise (σ = 0.5), x uniform on [0, 10).</summary>
    public static XgbTestSet Line(int rows, ulong seed = 2)
    {
        var random = new SeededRandom(seed);
        var features = new float[rows];
        var labels = new float[rows];
        for (var row = 0; row < rows; row++)
        {
            var x = random.NextDouble(0, 10);
            features[row] = (float)x;
            labels[row] = (float)((2 * x) + random.NextGaussian(0, 0.5));
        }

        return new(features, labels, rows, 1);
    }

    /// <summary>Three Gaussian blobs in the plane, centred at (0, 0), (3, 0) and (0, 3); the label is the blob.</summary>
    public static XgbTestSet ThreeBlobs(int rows, ulong seed = 3)
    {
        (double X, double Y)[] centres = [(0, 0), (3, 0), (0, 3)];
        var random = new SeededRandom(seed);
        var features = new float[rows * 2];
        var labels = new float[rows];
        for (var row = 0; row < rows; row++)
        {
            var label = row % 3;
            features[row * 2] = (float)random.NextGaussian(centres[label].X, 0.8);
            features[(row * 2) + 1] = (float)random.NextGaussian(centres[label].Y, 0.8);
            labels[row] = label;
        }

        return new(features, labels, rows, 2);
    }
}
