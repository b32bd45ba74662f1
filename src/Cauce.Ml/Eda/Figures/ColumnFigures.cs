using Cauce.Ml.Data.Schema;
using Cauce.Ml.Eda.Profiling;
using Cauce.Ml.Eda.Statistics;
using ScottPlot;

namespace Cauce.Ml.Eda.Figures;

/// <summary>One figure per column: a histogram (numbers, dates), bars per value (integers with few values), or bars per label (categories, booleans).</summary>
internal static class ColumnFigures
{
    private const int MaxBins = 60;
    private const int MinBins = 10;

    public static EdaFigure Distribution(ProfileResult result, ColumnProfile column, EdaNaming naming, string topic)
    {
        var values = result.Data.SortedValues[column.Name];
        if (column.Dates is not null)
            return DateHistogram(column, values, naming, topic);
        if (column.TopValues.Count > 0)
            return IntegerBars(column, naming, topic);
        return Histogram(column, values, naming, topic);
    }

    private static EdaFigure Histogram(ColumnProfile column, double[] sorted, EdaNaming naming, string topic)
    {
        var n = column.Numeric!;
        // The range drawn stops at the outlier fences, so that a few huge values do not squeeze the rest into one bar.
        var first = n.LowerFence is { } lowFence ? Quantiles.LowerBound(sorted, lowFence) : 0;
        var end = n.UpperFence is { } highFence ? Quantiles.UpperBound(sorted, highFence) : sorted.Length;
        var inside = sorted.AsSpan(first, end - first);
        var scale = n.QuantilesSampled ? (double)column.Present / sorted.Length : 1.0;
        var lo = inside[0];
        var hi = inside[^1];
        var integers = column.Type == ColumnType.Integer;
        double width;
        int bins;
        if (hi == lo)
        {
            width = 1;
            bins = 1;
            lo -= 0.5;
        }
        else if (integers && hi - lo <= MaxBins)
        {
            width = 1;
            bins = (int)(hi - lo) + 1;
            lo -= 0.5;
        }
        else
        {
            var iqr = Quantiles.Of(inside, 0.75) - Quantiles.Of(inside, 0.25);
            var freedmanDiaconis = 2 * iqr / Math.Cbrt(inside.Length);
            bins = freedmanDiaconis > 0 ? (int)Math.Clamp(Math.Ceiling((hi - lo) / freedmanDiaconis), MinBins, MaxBins) : MaxBins / 2;
            width = (hi - lo) / bins;
            var grid = Grid(inside);
            if (!integers && grid > 0 && width / grid < 50)
            {
                // Values on a coarse grid (humidity in hundredths): a whole number of grid steps per bin, or bars
                // alternate between holding two and three grid values and the histogram turns to spikes.
                width = grid * Math.Max(1, Math.Round(width / grid));
                lo -= grid / 2;
                bins = (int)Math.Floor((hi - lo) / width) + 1;
            }
            else if (integers)
            {
                width = Math.Max(1, Math.Ceiling(width));
                bins = (int)Math.Ceiling((hi - lo + 1) / width);
                lo -= 0.5;
            }
        }

        var counts = new double[bins];
        foreach (var value in inside)
            counts[Math.Clamp((int)((value - lo) / width), 0, bins - 1)]++;

        var plot = FigureStyle.NewPlot($"Distribution of {column.Name}", column.Name, n.QuantilesSampled ? "rows (estimated from a sample)" : "rows");
        var (drawnLow, drawnHigh) = (inside[0], inside[^1]);
        var drawnSentinels = n.Sentinels.Where(s => s.Value >= drawnLow && s.Value <= drawnHigh && Math.Abs(s.Value - s.NearestOther) > width).ToList();
        var sentinelBins = drawnSentinels.Select(s => Math.Clamp((int)((s.Value - lo) / width), 0, bins - 1)).ToHashSet();
        var bars = new List<Bar>(bins);
        for (var b = 0; b < bins; b++)
        {
            if (counts[b] == 0)
                continue;
            bars.Add(new Bar
            {
                Position = lo + ((b + 0.5) * width),
                Value = Math.Round(counts[b] * scale),
                Size = width * 0.96,
                FillColor = sentinelBins.Contains(b) ? FigureStyle.Tertiary : FigureStyle.Primary,
                LineWidth = 0,
            });
        }

        plot.Add.Bars(bars);
        plot.Add.VerticalLine(n.Quantiles.P50, 2, FigureStyle.Reference, LinePattern.Dashed);
        plot.Axes.Margins(bottom: 0, top: 0.25);

        var notes = new List<string>
        {
            Present(column),
            $"mean {ReportText.Number(n.Mean)}, std {ReportText.Number(n.Std)}, median {ReportText.Number(n.Quantiles.P50)} (dashed)",
        };
        var below = (long)Math.Round(first * scale);
        var above = (long)Math.Round((sorted.Length - end) * scale);
        if (below > 0)
            notes.Add($"not drawn: {ReportText.Count(below)} below {ReportText.Number(n.LowerFence)} (min {ReportText.Number(n.Min)}{(n.Sentinels.Any(s => s.Value < drawnLow) ? ", a possible sentinel" : "")})");
        if (above > 0)
            notes.Add($"not drawn: {ReportText.Count(above)} above {ReportText.Number(n.UpperFence)} (max {ReportText.Number(n.Max)}{(n.Sentinels.Any(s => s.Value > drawnHigh) ? ", a possible sentinel" : "")})");
        if (drawnSentinels.Count > 0)
            notes.Add($"red: possible sentinel {string.Join(", ", drawnSentinels.Select(s => ReportText.Number(s.Value)))}");
        FigureStyle.Note(plot, string.Join("\n", notes));

        var caption = $"Histogram of {ReportText.Code(column.Name)}{(n.QuantilesSampled ? $" from a seeded sample of {ReportText.Count(sorted.Length)} values" : "")}; " +
            $"the dashed line is the median{(below + above > 0 ? $"; {ReportText.Count(below + above)} values beyond 3 IQR of the quartiles are left out of the drawing" : "")}.";
        return Figure(plot, FigureKind.Distribution, column.Name, naming, topic, $"Distribution of {column.Name}", caption);
    }

    /// <summary>The smallest gap between two different values, when the values lie on a grid at all.</summary>
    private static double Grid(ReadOnlySpan<double> sorted)
    {
        var range = sorted[^1] - sorted[0];
        var smallest = double.PositiveInfinity;
        for (var i = 1; i < sorted.Length; i++)
        {
            var gap = sorted[i] - sorted[i - 1];
            if (gap > 0 && gap < smallest)
                smallest = gap;
        }

        // Gaps below a ten-thousandth of the range are rounding noise, not a grid.
        return smallest < range / 10_000 || double.IsInfinity(smallest) ? 0 : smallest;
    }

    private static EdaFigure IntegerBars(ColumnProfile column, EdaNaming naming, string topic)
    {
        var n = column.Numeric!;
        var plot = FigureStyle.NewPlot($"Distribution of {column.Name}", column.Name, "rows");
        var sentinels = n.Sentinels.Select(s => s.Value).ToHashSet();
        var bars = column.TopValues.Select(v =>
        {
            var value = double.Parse(v.Label, System.Globalization.CultureInfo.InvariantCulture);
            return new Bar
            {
                Position = value,
                Value = v.Count,
                Size = 0.8,
                FillColor = sentinels.Contains(value) ? FigureStyle.Tertiary : FigureStyle.Primary,
                LineWidth = 0,
            };
        }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Margins(bottom: 0, top: 0.2);
        if (bars.Count <= 30 && n.Max - n.Min <= 60)
        {
            var ticks = bars.Select(b => b.Position).ToArray();
            plot.Axes.Bottom.SetTicks(ticks, [.. ticks.Select(ReportText.Number)]);
        }

        var notes = new List<string> { Present(column) };
        notes.Add($"mean {ReportText.Number(n.Mean)}, median {ReportText.Number(n.Quantiles.P50)}");
        if (sentinels.Count > 0)
            notes.Add($"red: possible sentinel {string.Join(", ", sentinels.Select(ReportText.Number))}");
        FigureStyle.Note(plot, string.Join("\n", notes));
        var caption = $"Rows per value of {ReportText.Code(column.Name)} ({ReportText.Count(column.TopValues.Count)} distinct whole numbers, all drawn).";
        return Figure(plot, FigureKind.Distribution, column.Name, naming, topic, $"Distribution of {column.Name}", caption);
    }

    private static EdaFigure DateHistogram(ColumnProfile column, double[] sorted, EdaNaming naming, string topic)
    {
        var lo = Math.Floor(sorted[0]);
        var hi = Math.Floor(sorted[^1]) + 1;
        // Whole days per bin, so that a steady number of rows per day gives bars of one height.
        var days = hi - lo;
        var width = Math.Max(1, Math.Ceiling(days / 50));
        var bins = (int)Math.Ceiling(days / width);
        var counts = new double[bins];
        foreach (var value in sorted)
            counts[Math.Clamp((int)((value - lo) / width), 0, bins - 1)]++;
        var scale = sorted.Length < column.Present ? (double)column.Present / sorted.Length : 1.0;
        var plot = FigureStyle.NewPlot($"Distribution of {column.Name}", column.Name, "rows");
        plot.Add.Bars(counts.Select((c, b) => new Bar { Position = lo + ((b + 0.5) * width), Value = Math.Round(c * scale), Size = width * 0.96, FillColor = FigureStyle.Primary, LineWidth = 0 }).ToArray());
        var axis = plot.Axes.DateTimeTicksBottom();
        axis.TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic
        {
            LabelFormatter = d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.Axes.Margins(bottom: 0, top: 0.2);
        FigureStyle.Note(plot, $"{column.Dates!.Min} to {column.Dates.Max}\n{Present(column)}");
        var caption = $"Rows over time for {ReportText.Code(column.Name)}, {ReportText.Count(bins)} bins of {ReportText.Number(width)} days; gaps show dates with no rows.";
        return Figure(plot, FigureKind.Distribution, column.Name, naming, topic, $"Distribution of {column.Name}", caption);
    }

    /// <summary>Horizontal bars per label, most frequent on top: the part written in another spelling in a second colour, missing values in grey.</summary>
    public static EdaFigure Categories(ColumnProfile column, EdaNaming naming, string topic)
    {
        var rows = new List<(string Label, long Count, long Other, Color Color)>();
        foreach (var value in column.TopValues)
            rows.Add((FigureStyle.Label(value.Label), value.Count, value.OtherSpellings, FigureStyle.Primary));
        var shown = column.TopValues.Sum(v => v.Count);
        var rest = column.Present - shown;
        if (rest > 0)
            rows.Add(($"other ({ReportText.Count((column.Labels ?? 0) - column.TopValues.Count)} labels)", rest, 0, FigureStyle.Muted));
        if (column.Missing.Total > 0)
            rows.Add(("(missing)", column.Missing.Total, 0, FigureStyle.Muted));

        var plot = FigureStyle.NewPlot($"Counts of {column.Name}", "rows", "");
        var usual = new List<Bar>();
        var respelled = new List<Bar>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (_, count, other, color) = rows[i];
            var position = rows.Count - 1 - i;
            usual.Add(new Bar { Position = position, Value = count - other, Size = 0.7, FillColor = color, LineWidth = 0, Orientation = Orientation.Horizontal });
            if (other > 0)
                respelled.Add(new Bar { Position = position, ValueBase = count - other, Value = count, Size = 0.7, FillColor = FigureStyle.Secondary, LineWidth = 0, Orientation = Orientation.Horizontal });
        }

        var main = plot.Add.Bars(usual);
        main.Horizontal = true;
        if (respelled.Count > 0)
        {
            main.LegendText = "usual spelling";
            var other = plot.Add.Bars(respelled);
            other.Horizontal = true;
            other.LegendText = "other spellings (upper/lower case)";
            FigureStyle.LegendBelow(plot);
        }

        var max = rows.Max(r => r.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            FigureStyle.BarLabel(plot, $"{ReportText.Count(rows[i].Count)} ({ReportText.Share(rows[i].Count, column.Rows)})", rows[i].Count, rows.Count - 1 - i);
        }

        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, rows.Count).Select(i => (double)(rows.Count - 1 - i))], [.. rows.Select(r => r.Label)]);
        plot.Axes.SetLimitsX(0, max * 1.3);
        plot.Axes.SetLimitsY(-0.6, rows.Count - 0.4);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        var height = Math.Clamp(130 + (34 * rows.Count), 300, 1000);
        var caption = $"Rows per label of {ReportText.Code(column.Name)}{(column.SpellingVariants.Count > 0 ? ", spellings of one label merged; the orange part is written another way than usual" : "")}.";
        return Figure(plot, FigureKind.Categories, column.Name, naming, topic, $"Counts of {column.Name}", caption, height: height);
    }

    private static string Present(ColumnProfile column) =>
        column.Missing.Total == 0
            ? $"{ReportText.Count(column.Present)} values, none missing"
            : $"{ReportText.Count(column.Present)} values, {ReportText.Count(column.Missing.Total)} missing ({ReportText.Share(column.Missing.Total, column.Rows)})";

    internal static EdaFigure Figure(Plot plot, FigureKind kind, string? column, EdaNaming naming, string topic, string title, string caption, int width = FigureStyle.Width, int height = FigureStyle.Height) =>
        new(kind, column, FigureTopics.FileName(naming, topic), title, caption)
        {
            Png = FigureStyle.Png(plot, width, height),
            Width = width,
            Height = height,
        };
}
