using Cauce.Ml.Modeling.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cauce.Ml.Tests.Modeling.Training;

/// <summary>The dense matrix XGBoost reads: every row in order, each with its label, whatever the view knows of its size.</summary>
public sealed class DenseFeaturesTests
{
    private const int Width = 3;

    private sealed class BinaryRow
    {
        [VectorType(Width)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    private sealed class MulticlassRow
    {
        [VectorType(Width)]
        public float[] Features { get; set; } = [];

        // 0-based here: ML.NET adds one when it reads the object, as keys run 1…k with 0 for missing.
        [KeyType(3)]
        public uint Label { get; set; }
    }

    private sealed class RegressionRow
    {
        [VectorType(Width)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    private static float[] Features(int row) => [row, -row, row % 7];

    // A generator: the view it gives does not know its row count, as a CSV read lazily does not.
    private static IEnumerable<BinaryRow> Streamed(int rows)
    {
        for (var row = 0; row < rows; row++)
            yield return new BinaryRow { Features = Features(row), Label = row % 3 == 0 };
    }

    private static void AssertRows(float[] matrix, int rows)
    {
        Assert.Equal(rows * Width, matrix.Length);
        for (var row = 0; row < rows; row++)
            Assert.Equal(Features(row), matrix.AsSpan(row * Width, Width).ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16_383)]
    [InlineData(16_384)]
    [InlineData(40_000)]
    public void Rows_of_a_view_without_a_row_count_come_in_order_across_blocks_with_their_labels(int rows)
    {
        var data = new MLContext(1).Data.LoadFromEnumerable(Streamed(rows));
        Assert.Null(data.GetRowCount());

        var (matrix, labels, count, columns) = DenseFeatures.ReadWithLabels(data, PredictionTask.Binary);

        Assert.Equal((rows, Width), (count, columns));
        AssertRows(matrix, rows);
        Assert.Equal(Enumerable.Range(0, rows).Select(row => row % 3 == 0 ? 1f : 0f), labels);
    }

    [Fact]
    public void Rows_of_a_view_that_knows_its_row_count_fill_one_matrix_of_that_size()
    {
        var data = new MLContext(1).Data.LoadFromEnumerable(Streamed(20_000).ToList());
        Assert.Equal(20_000, data.GetRowCount());

        var (matrix, rows, columns) = DenseFeatures.Read(data);

        Assert.Equal((20_000, Width), (rows, columns));
        AssertRows(matrix, rows);
    }

    [Fact]
    public void A_multiclass_label_is_the_class_index_and_a_regression_label_the_value()
    {
        var ml = new MLContext(1);
        var multiclass = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 5).Select(row => new MulticlassRow { Features = Features(row), Label = (uint)(row % 3) }));
        var regression = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 5).Select(row => new RegressionRow { Features = Features(row), Label = row * 1.5f }));

        Assert.Equal([0f, 1f, 2f, 0f, 1f], DenseFeatures.ReadWithLabels(multiclass, PredictionTask.Multiclass).Labels);
        Assert.Equal([0f, 1.5f, 3f, 4.5f, 6f], DenseFeatures.ReadWithLabels(regression, PredictionTask.Regression).Labels);
    }

    [Fact]
    public void A_view_without_a_row_count_gives_no_matrix_past_the_cap_so_the_learner_streams_instead()
    {
        // A cross-validation fold is such a view: the cap must hold while it is read, not from a count it lacks.
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(Streamed(1_000));
        var featurizer = ml.Transforms.CopyColumns("Copy", "Features").Fit(data);

        Assert.Null(DenseFeatures.Featurize(featurizer, data, PredictionTask.Binary, maxValues: 999 * Width));
        var matrix = DenseFeatures.Featurize(featurizer, data, PredictionTask.Binary, maxValues: 1_000 * Width);

        Assert.NotNull(matrix);
        AssertRows(matrix.Values, 1_000);
    }
}
