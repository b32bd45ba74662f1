using Cauce.Ml.Eda.Profiling;
using ScottPlot;

namespace Cauce.Ml.Eda.Figures;

/// <summary>The figures about the whole file: missing values per column and the correlation heatmap.</summary>
internal static class OverviewFigures
{
    private const int MaxMissingColumns = 40;
    private const int MaxAnnotatedCells = 16;

    /// <summary>Horizontal bars of each column's missing share, split by how the missing value was written.</summary>
    public static EdaFigure Missing(DatasetProfile profile, EdaNaming naming)
    {
        var columns = profile.Columns.ToList();
        var note = "";
        if (columns.Count > MaxMissingColumns)
        {
            var withMissing = columns.Count(c => c.Missing.Total > 0);
            columns = [.. columns.OrderByDescending(c => c.Missing.Total).ThenBy(c => profile.Columns.ToList().IndexOf(c)).Take(MaxMissingColumns)];
            note = $"the {MaxMissingColumns} columns with most missing values of {ReportText.Count(profile.Columns.Count)} ({ReportText.Count(withMissing)} have any)";
        }

        var total = profile.Columns.Sum(c => c.Missing.Total);
        var title = total == 0 ? "Missing values per column: none" : "Missing values per column";
        var plot = FigureStyle.NewPlot(title, "missing values (% of rows)", "");
        var kinds = new (string Legend, Func<MissingCounts, long> Count, Color Color)[]
        {
            ("empty", m => m.Blank, FigureStyle.Primary),
            ("only spaces", m => m.WhitespaceOnly, FigureStyle.Secondary),
            ("missing token (NA, null…)", m => m.Tokens, FigureStyle.Tertiary),
        };
        var rows = Math.Max(1, profile.Rows);
        var maxShare = columns.Max(c => (double)c.Missing.Total / rows);
        foreach (var (legend, count, color) in kinds)
        {
            var bars = new List<Bar>();
            for (var i = 0; i < columns.Count; i++)
            {
                var m = columns[i].Missing;
                var part = count(m);
                if (part == 0)
                    continue;
                var before = kinds.TakeWhile(k => k.Legend != legend).Sum(k => k.Count(m));
                bars.Add(new Bar
                {
                    Position = columns.Count - 1 - i,
                    ValueBase = 100.0 * before / rows,
                    Value = 100.0 * (before + part) / rows,
                    Size = 0.7,
                    FillColor = color,
                    LineWidth = 0,
                    Orientation = Orientation.Horizontal,
                });
            }

            if (bars.Count == 0)
                continue;
            var plottable = plot.Add.Bars(bars);
            plottable.Horizontal = true;
            plottable.LegendText = legend;
        }

        for (var i = 0; i < columns.Count; i++)
        {
            var m = columns[i].Missing;
            FigureStyle.BarLabel(plot, m.Total == 0 ? "0" : $"{ReportText.Share(m.Total, rows)} ({ReportText.Count(m.Total)})", 100.0 * m.Total / rows, columns.Count - 1 - i);
        }

        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, columns.Count).Select(i => (double)(columns.Count - 1 - i))], [.. columns.Select(c => FigureStyle.Label(c.Name))]);
        plot.Axes.SetLimitsX(0, Math.Max(1, maxShare * 100 * 1.35));
        plot.Axes.SetLimitsY(-0.6, columns.Count - 0.4);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        if (total > 0)
            FigureStyle.LegendBelow(plot);
        if (note.Length > 0)
            FigureStyle.Note(plot, note);
        var height = Math.Clamp(130 + (26 * columns.Count), 320, 1200);
        var caption = total == 0
            ? "No column has a missing value."
            : $"Share of rows where each column is missing, by how it was written: empty, only spaces, or a missing token ({ReportText.List(profile.Settings.MissingTokens.Where(t => t.Length > 0).Take(4).Select(ReportText.Code))}…).";
        return ColumnFigures.Figure(plot, FigureKind.Missing, null, naming, FigureTopics.Missing, title, caption, height: height);
    }

    /// <summary>The Pearson correlation matrix as a heatmap from −1 (blue) to 1 (red), values written in the cells when they fit.</summary>
    public static EdaFigure Correlation(DatasetProfile profile, EdaNaming naming)
    {
        var matrix = profile.Correlations;
        var k = matrix.Columns.Count;
        var values = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
                values[i, j] = matrix.R[i][j] ?? double.NaN;
        }

        var title = "Correlation (Pearson's r)";
        var plot = FigureStyle.NewPlot(title, "", "");
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Balance();
        heatmap.ManualRange = new ScottPlot.Range(-1, 1);
        heatmap.NaNCellColor = Color.FromHex("#dddddd");
        heatmap.Rectangle = new CoordinateRect(0, k, 0, k);
        plot.Add.ColorBar(heatmap);

        if (k <= MaxAnnotatedCells)
        {
            var size = k <= 8 ? 13 : k <= 12 ? 11 : 9;
            for (var i = 0; i < k; i++)
            {
                for (var j = 0; j < k; j++)
                {
                    if (double.IsNaN(values[i, j]))
                        continue;
                    var text = plot.Add.Text((Math.Round(values[i, j], 2) + 0.0).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), j + 0.5, k - 0.5 - i);
                    text.LabelFontSize = size;
                    text.LabelAlignment = Alignment.MiddleCenter;
                    text.LabelFontColor = Math.Abs(values[i, j]) > 0.6 ? Colors.White : Colors.Black;
                }
            }
        }

        var labels = matrix.Columns.Select(c => FigureStyle.Label(c, 22)).ToArray();
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, k).Select(i => i + 0.5)], labels);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, k).Select(i => k - 0.5 - i)], labels);
        plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 24 + (5.5f * labels.Max(l => l.Length));
        plot.Axes.SetLimits(0, k, 0, k);
        plot.Grid.IsVisible = false;
        var side = Math.Clamp(330 + (40 * k), 600, 1100);
        var caption = $"Pearson's r between every two numeric or yes/no columns, each pair over the rows where both are present{(matrix.LeftOut.Count > 0 ? $"; {ReportText.Count(matrix.LeftOut.Count)} columns left out (only the first {profile.Settings.CorrelationColumnLimit} are drawn)" : "")}.";
        return ColumnFigures.Figure(plot, FigureKind.Correlation, null, naming, FigureTopics.Correlation, title, caption, width: side + 140, height: side);
    }
}
