using Cauce.Ml.Modeling.Evaluation;

namespace Cauce.Ml.Tests.Modeling.Evaluation;

public sealed class ConfusionMatrixTests
{
    private static readonly string[] Labels = ["bajo", "medio", "alto"];

    [Fact]
    public void Rows_are_actual_and_columns_predicted()
    {
        // /usr/bin/python3 -c "import sklearn.metrics as m; print(m.confusion_matrix([0,1,2,2,1,0,2,1,0,0],[0,1,1,0,1,0,1,0,0,0],labels=[0,1,2]).tolist())"
        var matrix = ConfusionMatrix.For([0, 1, 2, 2, 1, 0, 2, 1, 0, 0], [0, 1, 1, 0, 1, 0, 1, 0, 0, 0], Labels);

        Assert.Equal(new long[,] { { 4, 0, 0 }, { 1, 2, 0 }, { 1, 2, 0 } }, matrix.Counts);
        Assert.Equal(Labels, matrix.Labels);
        Assert.Equal(10, matrix.Total);
    }

    [Fact]
    public void Matrices_with_the_same_labels_and_counts_are_equal()
    {
        var a = ConfusionMatrix.For([0, 1, 1], [0, 1, 0], ["no", "si"]);
        var b = ConfusionMatrix.For([1, 0, 1], [0, 0, 1], ["no", "si"]);
        var c = ConfusionMatrix.For([0, 1, 1], [0, 1, 1], ["no", "si"]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.Equal("ConfusionMatrix { Labels = [no, si], Counts = [[1, 0], [1, 1]] }", a.ToString());
    }

    [Fact]
    public void Empty_input_counts_nothing()
    {
        Assert.Equal(0, ConfusionMatrix.For([], [], Labels).Total);
    }

    [Fact]
    public void Bad_input_is_refused_with_the_argument_named()
    {
        Assert.Equal("predicted", Assert.Throws<ArgumentException>(() => ConfusionMatrix.For([0, 1], [0], Labels)).ParamName);
        Assert.Equal("predicted", Assert.Throws<ArgumentException>(() => ConfusionMatrix.For([0], [3], Labels)).ParamName);
        Assert.Equal("actual", Assert.Throws<ArgumentException>(() => ConfusionMatrix.For([-1], [0], Labels)).ParamName);
        Assert.Throws<ArgumentException>(() => new ConfusionMatrix(Labels, new long[2, 2]));
    }
}
