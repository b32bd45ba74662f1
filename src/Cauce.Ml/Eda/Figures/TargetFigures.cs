using Cauce.Ml.Data.Schema;
using Cauce.Ml.Eda.Profiling;
using Cauce.Ml.Eda.Statistics;
using ScottPlot;

namespace Cauce.Ml.Eda.Figures;

/// <summary>
/// The target against one feature: box plots of a numeric feature per class, the share of a class per label, box
/// plots of a numeric target per label or per value, or a scatter with the mean per decile. Box plots and scatters
/// come from the seeded row sample; shares per label from exact counts.
/// </summary>
internal static class TargetFigures
{
    private const int MaxClasses = 8;
    private const int MaxLabels = 15;
    private const int MaxValueBoxes = 30;
    private const int ScatterPoints = 4000;

    public static EdaFigure Versus(ProfileResult result, FeatureRelation relation, EdaNaming naming, string topic)
    {
        var profile = result.Profile;
        var target = profile.Column(profile.Target!.Column);
        var feature = profile.Column(relation.Feature);
        var measure = $"{Measures.Describe(relation.Measure)} = {ReportText.Number(relation.Value)}";
        var featureIsLabels = feature.Type is ColumnType.Category or ColumnType.Boolean;
        if (profile.Target.Kind == TargetKind.Classes)
        {
            return result.Data.ClassCounts.ContainsKey(feature.Name)
                ? ClassShareByLabel(result, target, feature, measure, naming, topic)
                : BoxesPerClass(result, target, feature, measure, naming, topic);
        }

        if (featureIsLabels)
            return TargetBoxesPerLabel(result, target, feature, measure, naming, topic);
        return feature.TopValues.Count is > 0 and <= MaxValueBoxes
            ? TargetBoxesPerValue(result, target, feature, measure, naming, topic)
            : Scatter(result, target, feature, measure, naming, topic);
    }

    private static EdaFigure BoxesPerClass(ProfileResult result, ColumnProfile target, ColumnProfile feature, string measure, EdaNaming naming, string topic)
    {
        var rows = result.Data.Rows!;
        var classes = result.Data.Labels[target.Name];
        var codes = rows.Values(target.Name);
        var values = rows.Values(feature.Name);
        var groups = Enumerable.Range(0, Math.Min(classes.Count, MaxClasses))
            .Select(c => (Label: classes[c], Values: Collect(values, codes, code => code == c)))
            .ToList();
        var title = $"{feature.Name} by {target.Name}";
        var plot = FigureStyle.NewPlot(title, target.Name, feature.Name);
        DrawBoxes(plot, groups, feature.Numeric);
        FigureStyle.Note(plot, $"{measure}\nfrom a sample of {ReportText.Count(rows.Count)} rows");
        var caption = $"{ReportText.Code(feature.Name)} for each class of {ReportText.Code(target.Name)} ({measure}): boxes span the quartiles with the median inside, whiskers reach 1.5 IQR; outliers are not drawn. From a seeded sample of {ReportText.Count(rows.Count)} rows.";
        return ColumnFigures.Figure(plot, FigureKind.TargetVersus, feature.Name, naming, topic, title, caption);
    }

    private static EdaFigure ClassShareByLabel(ProfileResult result, ColumnProfile target, ColumnProfile feature, string measure, EdaNaming naming, string topic)
    {
        var (labels, counts) = result.Data.ClassCounts[feature.Name];
        var classes = result.Data.Labels[target.Name];
        var targetProfile = result.Profile.Target!;
        var positive = targetProfile.PositiveClass is { } p ? classes.ToList().IndexOf(p) : -1;
        // Labels come most frequent first (values of an integer in order); draw those with rows, the first 15.
        var shown = Enumerable.Range(0, labels.Count).Where(i => Enumerable.Range(0, classes.Count).Any(c => counts[i, c] > 0)).Take(feature.Type == ColumnType.Integer ? ColumnSummary.FewIntegers : MaxLabels).ToList();
        var plot = new Plot();
        string title;
        if (positive >= 0)
        {
            title = $"Share of {target.Name} = {targetProfile.PositiveClass} by {feature.Name}";
            plot = FigureStyle.NewPlot(title, $"{target.Name} = {targetProfile.PositiveClass} (% of the label's rows)", "");
            var overall = 100.0 * targetProfile.Classes.First(c => c.Label == targetProfile.PositiveClass).Share;
            var line = plot.Add.VerticalLine(overall, 2, FigureStyle.Reference, LinePattern.Dashed);
            line.LegendText = $"all rows: {overall.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}%";
            var bars = new List<Bar>();
            double max = 0;
            for (var i = 0; i < shown.Count; i++)
            {
                var row = shown[i];
                var total = Enumerable.Range(0, classes.Count).Sum(c => counts[row, c]);
                var share = total == 0 ? 0 : 100.0 * counts[row, positive] / total;
                max = Math.Max(max, share);
                var position = shown.Count - 1 - i;
                bars.Add(new Bar { Position = position, Value = share, Size = 0.7, FillColor = FigureStyle.Primary, LineWidth = 0, Orientation = Orientation.Horizontal });
                FigureStyle.BarLabel(plot, $"{share.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}% of {ReportText.Count(total)}", share, position);
            }

            var plottable = plot.Add.Bars(bars);
            plottable.Horizontal = true;
            FigureStyle.LegendBelow(plot);
            plot.Axes.SetLimitsX(0, Math.Max(max, overall) * 1.35);
        }
        else
        {
            title = $"{target.Name} by {feature.Name}";
            plot = FigureStyle.NewPlot(title, $"share of the label's rows (%)", "");
            var drawn = Math.Min(classes.Count, MaxClasses);
            for (var c = 0; c < drawn; c++)
            {
                var bars = new List<Bar>();
                for (var i = 0; i < shown.Count; i++)
                {
                    var row = shown[i];
                    var total = Enumerable.Range(0, classes.Count).Sum(k => counts[row, k]);
                    var before = Enumerable.Range(0, c).Sum(k => counts[row, k]);
                    if (total == 0)
                        continue;
                    bars.Add(new Bar
                    {
                        Position = shown.Count - 1 - i,
                        ValueBase = 100.0 * before / total,
                        Value = 100.0 * (before + counts[row, c]) / total,
                        Size = 0.7,
                        FillColor = FigureStyle.Series(c),
                        LineWidth = 0,
                        Orientation = Orientation.Horizontal,
                    });
                }

                var plottable = plot.Add.Bars(bars);
                plottable.Horizontal = true;
                plottable.LegendText = FigureStyle.Label(classes[c], 20);
            }

            plot.ShowLegend(Edge.Right);
            plot.Axes.SetLimitsX(0, 100);
        }

        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, shown.Count).Select(i => (double)(shown.Count - 1 - i))], [.. shown.Select(i => FigureStyle.Label(labels[i]))]);
        plot.Axes.SetLimitsY(-0.6, shown.Count - 0.4);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        var height = Math.Clamp(130 + (34 * shown.Count), 300, 1000);
        var what = feature.Type == ColumnType.Integer ? "value" : "label";
        var caption = $"{ReportText.Code(target.Name)} within each {what} of {ReportText.Code(feature.Name)} ({measure}), from exact counts{(labels.Count > shown.Count ? $"; the {shown.Count} most frequent of {labels.Count} labels" : "")}.";
        return ColumnFigures.Figure(plot, FigureKind.TargetVersus, feature.Name, naming, topic, title, caption, height: height);
    }

    private static EdaFigure TargetBoxesPerLabel(ProfileResult result, ColumnProfile target, ColumnProfile feature, string measure, EdaNaming naming, string topic)
    {
        var rows = result.Data.Rows!;
        var labels = result.Data.Labels[feature.Name];
        var codes = rows.Values(feature.Name);
        var values = rows.Values(target.Name);
        var groups = Enumerable.Range(0, Math.Min(labels.Count, MaxLabels))
            .Select(l => (Label: labels[l], Values: Collect(values, codes, code => code == l)))
            .ToList();
        var title = $"{target.Name} by {feature.Name}";
        var plot = FigureStyle.NewPlot(title, feature.Name, target.Name);
        DrawBoxes(plot, groups, target.Numeric);
        FigureStyle.Note(plot, $"{measure}\nfrom a sample of {ReportText.Count(rows.Count)} rows");
        var caption = $"{ReportText.Code(target.Name)} for each label of {ReportText.Code(feature.Name)} ({measure}): quartiles, median and 1.5 IQR whiskers, from a seeded sample of {ReportText.Count(rows.Count)} rows.";
        return ColumnFigures.Figure(plot, FigureKind.TargetVersus, feature.Name, naming, topic, title, caption);
    }

    private static EdaFigure TargetBoxesPerValue(ProfileResult result, ColumnProfile target, ColumnProfile feature, string measure, EdaNaming naming, string topic)
    {
        var rows = result.Data.Rows!;
        var featureValues = rows.Values(feature.Name);
        var values = rows.Values(target.Name);
        var groups = feature.TopValues
            .Select(v => double.Parse(v.Label, System.Globalization.CultureInfo.InvariantCulture))
            .Order()
            .Select(x => (Label: ReportText.Number(x), Values: Collect(values, featureValues, f => f == x)))
            .Where(g => g.Values.Length > 0)
            .ToList();
        var title = $"{target.Name} by {feature.Name}";
        var plot = FigureStyle.NewPlot(title, feature.Name, target.Name);
        DrawBoxes(plot, groups, target.Numeric);
        FigureStyle.Note(plot, $"{measure}\nfrom a sample of {ReportText.Count(rows.Count)} rows");
        var caption = $"{ReportText.Code(target.Name)} for each value of {ReportText.Code(feature.Name)} ({measure}): quartiles, median and 1.5 IQR whiskers, from a seeded sample of {ReportText.Count(rows.Count)} rows.";
        return ColumnFigures.Figure(plot, FigureKind.TargetVersus, feature.Name, naming, topic, title, caption);
    }

    private static EdaFigure Scatter(ProfileResult result, ColumnProfile target, ColumnProfile feature, string measure, EdaNaming naming, string topic)
    {
        var rows = result.Data.Rows!;
        var xs = rows.Values(feature.Name);
        var ys = rows.Values(target.Name);
        var (xLow, xHigh) = Window(feature.Numeric!);
        var (yLow, yHigh) = Window(target.Numeric!);
        var pairs = new List<(double X, double Y)>();
        for (var i = 0; i < xs.Length; i++)
        {
            if (!float.IsNaN(xs[i]) && !float.IsNaN(ys[i]) && xs[i] >= xLow && xs[i] <= xHigh && ys[i] >= yLow && ys[i] <= yHigh)
                pairs.Add((xs[i], ys[i]));
        }

        var title = $"{target.Name} against {feature.Name}";
        var plot = FigureStyle.NewPlot(title, feature.Name, target.Name);
        var drawn = pairs.Take(ScatterPoints).ToList();
        var points = plot.Add.ScatterPoints(drawn.Select(p => p.X).ToArray(), drawn.Select(p => p.Y).ToArray(), FigureStyle.Primary.WithAlpha(0.25));
        points.MarkerSize = 4;
        points.LegendText = $"rows ({ReportText.Count(drawn.Count)} of a sample)";

        // The target's mean in each of 12 equal slices of the feature's range (slices with at least 10 rows): the
        // trend the cloud of points hides. Equal widths rather than tenths of the values, which collapse onto one
        // point when most values are equal (a discount that is mostly 0).
        const int slices = 12;
        var meansX = new List<double>();
        var meansY = new List<double>();
        if (xHigh > xLow)
        {
            var step = (xHigh - xLow) / slices;
            for (var b = 0; b < slices; b++)
            {
                var slice = pairs.Where(p => Math.Min(slices - 1, (int)((p.X - xLow) / step)) == b).ToList();
                if (slice.Count < 10)
                    continue;
                meansX.Add(slice.Average(p => p.X));
                meansY.Add(slice.Average(p => p.Y));
            }
        }

        if (meansX.Count > 1)
        {
            var line = plot.Add.Scatter(meansX.ToArray(), meansY.ToArray(), FigureStyle.Secondary);
            line.LineWidth = 3;
            line.MarkerSize = 8;
            line.LegendText = "mean per slice of the x range";
        }

        plot.ShowLegend(Alignment.UpperLeft);
        FigureStyle.Note(plot, measure);
        var yPad = (yHigh - yLow) * 0.05;
        plot.Axes.SetLimits(xLow - ((xHigh - xLow) * 0.03), xHigh + ((xHigh - xLow) * 0.03), yLow - yPad, yHigh + (yHigh - yLow) * 0.25);
        var caption = $"{ReportText.Code(target.Name)} against {ReportText.Code(feature.Name)} ({measure}) for up to {ReportText.Count(ScatterPoints)} rows of a seeded sample, within 3 IQR of the quartiles; the orange line joins the target's mean in 12 equal slices of the feature's range.";
        return ColumnFigures.Figure(plot, FigureKind.TargetVersus, feature.Name, naming, topic, title, caption);
    }

    private static (double Low, double High) Window(NumericSummary n) =>
        (Math.Max(n.Min, n.LowerFence ?? n.Min), Math.Min(n.Max, n.UpperFence ?? n.Max));

    private static double[] Collect(ReadOnlySpan<float> values, ReadOnlySpan<float> keys, Func<float, bool> match)
    {
        var kept = new List<double>();
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsNaN(values[i]) && !float.IsNaN(keys[i]) && match(keys[i]))
                kept.Add(values[i]);
        }

        var array = kept.ToArray();
        Array.Sort(array);
        return array;
    }

    private static void DrawBoxes(Plot plot, List<(string Label, double[] Values)> groups, NumericSummary? numeric)
    {
        var boxes = new List<Box>();
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        var labels = new List<string>();
        for (var i = 0; i < groups.Count; i++)
        {
            var stats = BoxStats.From(groups[i].Values);
            labels.Add(groups.Count <= 10 ? $"{FigureStyle.Label(groups[i].Label, 18)}\n(n = {ReportText.Count(groups[i].Values.Length)})" : FigureStyle.Label(groups[i].Label, 14));
            if (stats is null)
                continue;
            boxes.Add(new Box
            {
                Position = i,
                BoxMin = stats.Q1,
                BoxMax = stats.Q3,
                BoxMiddle = stats.Median,
                WhiskerMin = stats.WhiskerLow,
                WhiskerMax = stats.WhiskerHigh,
                FillColor = FigureStyle.Series(i).WithAlpha(0.55),
                LineColor = FigureStyle.Reference,
                Width = 0.6,
            });
            low = Math.Min(low, stats.WhiskerLow);
            high = Math.Max(high, stats.WhiskerHigh);
        }

        var drawn = plot.Add.Boxes(boxes);
        drawn.FillColor = FigureStyle.Primary.WithAlpha(0.35);
        drawn.LineColor = FigureStyle.Reference;
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, groups.Count).Select(i => (double)i)], [.. labels]);
        if (groups.Count > 10 && labels.Any(l => l.Length > 4))
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = 30 + (7 * labels.Max(l => l.Length));
        }

        if (boxes.Count > 0)
        {
            // Room above the boxes for the note in the corner.
            var pad = Math.Max((high - low) * 0.08, numeric is { Std: > 0 } n ? n.Std!.Value * 0.05 : 0.5);
            plot.Axes.SetLimits(-0.6, groups.Count - 0.4, low - pad, high + (3 * pad));
        }

        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
    }
}
