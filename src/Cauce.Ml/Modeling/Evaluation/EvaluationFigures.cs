using System.Globalization;
using Cauce.Core.Conventions;
using Cauce.Ml.Eda.Figures;
using Cauce.Ml.Reporting;
using ScottPlot;

namespace Cauce.Ml.Modeling.Evaluation;

/// <summary>
/// The figures of a model's evaluation, named by the convention with the model in the topic
/// (<c>roc-rf-v1_clientes_processed_20250930.png</c>): ROC and precision–recall curves (binary), the confusion
/// matrix (classifiers), permutation importance (all), predicted against actual and residuals (regression).
/// </summary>
public static class EvaluationFigures
{
    private const int ScatterPoints = 4000;

    public static IReadOnlyList<ReportFigure> Draw(EvaluationResult result, DataPhase? phase, DateOnly date)
    {
        var card = result.Card;
        var model = $"{card.Algo}-v{card.Version}";
        FigureFileName Name(string topic) => new($"{topic}-{model}", card.Dataset, phase, date);
        var figures = new List<ReportFigure>();
        if (result.Roc.Count > 0)
            figures.Add(Roc(result, Name("roc")));
        if (result.PrecisionRecall.Count > 0)
            figures.Add(PrecisionRecall(result, Name("precision-recall")));
        if (result.Confusion is { } confusion)
            figures.Add(Confusion(result, confusion, Name("confusion")));
        if (card.Task == "regression")
        {
            figures.Add(PredictedVersusActual(result, Name("predicho-vs-real")));
            figures.Add(Residuals(result, Name("residuos")));
        }

        figures.Add(Importance(result, Name("importancia")));
        return figures;
    }

    private static ReportFigure Roc(EvaluationResult result, FigureFileName name)
    {
        var plot = FigureStyle.NewPlot($"ROC curve — {result.Card.Name}", "false positive rate", "true positive rate");
        var curve = plot.Add.ScatterLine(result.Roc.Select(p => p.FalsePositiveRate).ToArray(), result.Roc.Select(p => p.TruePositiveRate).ToArray(), FigureStyle.Primary);
        curve.LineWidth = 2;
        curve.LegendText = $"{result.Card.Name} (AUC {Format(result.Metrics["roc_auc"])})";
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.Color = FigureStyle.Muted;
        chance.LinePattern = LinePattern.Dashed;
        chance.LegendText = "chance (AUC 0.5)";
        Square(plot);
        FigureStyle.LegendBelow(plot);
        return Figure(plot, name, $"ROC curve of {result.Card.Name}", $"True against false positive rate at every threshold, on {result.Data} ({result.Rows:N0} rows).");
    }

    private static ReportFigure PrecisionRecall(EvaluationResult result, FigureFileName name)
    {
        var plot = FigureStyle.NewPlot($"Precision–recall — {result.Card.Name}", "recall", "precision");
        var curve = plot.Add.ScatterLine(result.PrecisionRecall.Select(p => p.Recall).ToArray(), result.PrecisionRecall.Select(p => p.Precision).ToArray(), FigureStyle.Primary);
        curve.LineWidth = 2;
        curve.ConnectStyle = ConnectStyle.StepHorizontal;
        curve.LegendText = $"{result.Card.Name} (average precision {Format(result.Metrics["pr_auc"])})";
        var positives = result.Actual.Count(a => a == 1) / (double)Math.Max(result.Actual.Length, 1);
        var baseline = plot.Add.HorizontalLine(positives);
        baseline.Color = FigureStyle.Muted;
        baseline.LinePattern = LinePattern.Dashed;
        baseline.LegendText = $"share of positives ({positives:P1})";
        Square(plot);
        FigureStyle.LegendBelow(plot);
        return Figure(plot, name, $"Precision–recall curve of {result.Card.Name}", $"Precision against recall at every threshold, on {result.Data}.");
    }

    private static ReportFigure Confusion(EvaluationResult result, ConfusionMatrix confusion, FigureFileName name)
    {
        var labels = confusion.Labels;
        var k = labels.Count;
        var plot = FigureStyle.NewPlot($"Confusion matrix — {result.Card.Name}", "predicted class", "actual class");
        var share = new double[k, k];
        for (var a = 0; a < k; a++)
        {
            var total = Enumerable.Range(0, k).Sum(p => confusion.Counts[a, p]);
            for (var p = 0; p < k; p++)
                share[a, p] = total == 0 ? 0 : (double)confusion.Counts[a, p] / total; // ScottPlot draws row 0 at the top
        }

        var heatmap = plot.Add.Heatmap(share);
        heatmap.Colormap = new ScottPlot.Colormaps.CustomInterpolated([Colors.White, Color.FromHex("#6baed6"), Color.FromHex("#08306b")]);
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(heatmap).Label = "share of the actual class";
        for (var a = 0; a < k; a++)
        {
            for (var p = 0; p < k; p++)
            {
                var text = plot.Add.Text(confusion.Counts[a, p].ToString("N0", CultureInfo.InvariantCulture), p, k - 1 - a);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = k > 8 ? 10 : 14;
                text.LabelFontColor = share[a, p] > 0.5 ? Colors.White : Colors.Black;
            }
        }

        var ticks = Enumerable.Range(0, k).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(ticks, [.. labels.Select(l => FigureStyle.Label(l, 14))]);
        plot.Axes.Left.SetTicks(ticks, [.. labels.Reverse().Select(l => FigureStyle.Label(l, 14))]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = k > 4 ? 30 : 0;
        return Figure(plot, name, $"Confusion matrix of {result.Card.Name}", $"Rows: actual class; columns: predicted class; counts, shaded by the share of each actual class, on {result.Data}.");
    }

    private static ReportFigure Importance(EvaluationResult result, FigureFileName name)
    {
        var (main, _) = Metrics.MainMetric(result.Card.Task);
        var shown = result.Importance.Take(15).Reverse().ToList();
        var plot = FigureStyle.NewPlot($"Permutation importance — {result.Card.Name}", $"drop in {main} when the feature is shuffled", "");
        plot.Add.Bars(shown.Select((f, i) => new Bar { Position = i, Value = f.Drop, FillColor = f.Drop >= 0 ? FigureStyle.Primary : FigureStyle.Muted, Orientation = Orientation.Horizontal }).ToList());
        plot.Axes.Left.SetTicks([.. shown.Select((_, i) => (double)i)], [.. shown.Select(f => FigureStyle.Label(f.Feature, 24))]);
        plot.Axes.Margins(left: 0, right: 0.15);
        var height = Math.Max(FigureStyle.Height, 120 + (shown.Count * 28));
        return Figure(plot, name, $"Permutation importance of {result.Card.Name}", $"How much {main} drops when one feature's values are shuffled ({result.ImportanceRows:N0} rows of {result.Data}); the top {shown.Count} features.", height);
    }

    private static ReportFigure PredictedVersusActual(EvaluationResult result, FigureFileName name)
    {
        var (actual, predicted) = Sample(result.Actual, result.Scores.Values);
        var plot = FigureStyle.NewPlot($"Predicted against actual — {result.Card.Name}", $"actual {result.Card.Target}", $"predicted {result.Card.Target}");
        var points = plot.Add.ScatterPoints(actual, predicted, FigureStyle.Primary.WithAlpha(0.35));
        points.MarkerSize = 4;
        var low = Math.Min(actual.Min(), predicted.Min());
        var high = Math.Max(actual.Max(), predicted.Max());
        var ideal = plot.Add.Line(low, low, high, high);
        ideal.Color = FigureStyle.Tertiary;
        ideal.LinePattern = LinePattern.Dashed;
        ideal.LegendText = "predicted = actual";
        FigureStyle.LegendBelow(plot);
        FigureStyle.Note(plot, $"R² {Format(result.Metrics["r2"])}  RMSE {Format(result.Metrics["rmse"])}", Alignment.UpperLeft);
        return Figure(plot, name, $"Predicted against actual, {result.Card.Name}", $"Each point a row of {result.Data} ({actual.Length:N0} of {result.Rows:N0} shown); on the dashed line the prediction is exact.");
    }

    private static ReportFigure Residuals(EvaluationResult result, FigureFileName name)
    {
        var (actual, predicted) = Sample(result.Actual, result.Scores.Values);
        var residuals = actual.Zip(predicted, (a, p) => a - p).ToArray();
        var plot = FigureStyle.NewPlot($"Residuals — {result.Card.Name}", $"predicted {result.Card.Target}", "actual − predicted");
        var points = plot.Add.ScatterPoints(predicted, residuals, FigureStyle.Primary.WithAlpha(0.35));
        points.MarkerSize = 4;
        var zero = plot.Add.HorizontalLine(0);
        zero.Color = FigureStyle.Tertiary;
        zero.LinePattern = LinePattern.Dashed;
        return Figure(plot, name, $"Residuals of {result.Card.Name}", $"The error of each row against its prediction ({actual.Length:N0} of {result.Rows:N0} rows of {result.Data}); a pattern means the model misses something.");
    }

    /// <summary>At most <see cref="ScatterPoints"/> rows, evenly spaced through the file, so scatter plots stay readable.</summary>
    private static (double[] Actual, double[] Predicted) Sample(double[] actual, double[] predicted)
    {
        var step = Math.Max(1, actual.Length / ScatterPoints);
        var indexes = Enumerable.Range(0, actual.Length).Where(i => i % step == 0).Take(ScatterPoints).ToArray();
        return ([.. indexes.Select(i => actual[i])], [.. indexes.Select(i => predicted[i])]);
    }

    private static void Square(Plot plot)
    {
        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.02);
    }

    private static ReportFigure Figure(Plot plot, FigureFileName name, string title, string caption, int height = FigureStyle.Height) =>
        new(name.FileName, title, caption) { Png = FigureStyle.Png(plot, FigureStyle.Width, height), Width = FigureStyle.Width, Height = height };

    private static string Format(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);
}
