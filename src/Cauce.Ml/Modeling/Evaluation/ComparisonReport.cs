using System.Globalization;
using Cauce.Core.Conventions;
using Cauce.Core.IO;
using Cauce.Ml.Eda.Figures;
using Cauce.Ml.Reporting;
using ScottPlot;

namespace Cauce.Ml.Modeling.Evaluation;

/// <summary>
/// All models of a dataset side by side, ranked by the task's main metric on the test split: a table, one figure
/// that overlays the models (ROC curves, or predicted against actual), and each model's own figures. Written as
/// <c>reports/models_&lt;dataset&gt;.md</c> and one self-contained <c>.html</c>.
/// </summary>
public static class ComparisonReport
{
    /// <summary>Writes the report and every figure; returns the paths written, relative to the root.</summary>
    public static IReadOnlyList<string> Write(string root, string dataset, IReadOnlyList<EvaluationResult> results, IReadOnlyDictionary<string, IReadOnlyList<string>> aliases, DateOnly today)
    {
        var (main, higher) = Metrics.MainMetric(results[0].Card.Task);
        var ranked = results.OrderBy(r => Rank(r, main, higher)).ThenBy(r => r.Card.Name, StringComparer.Ordinal).ToList();
        var dataName = DatasetFileName.TryParse(Path.GetFileName(ranked[0].Data)).Value;
        var (phase, date) = (dataName?.Phase, dataName?.Date ?? today);

        var written = new List<string>();
        var blocks = new List<Block>
        {
            new Heading(1, $"Models of {dataset}", "top"),
            new Paragraph($"{ranked.Count} models of the {ranked[0].Card.Task} task, measured on `{ranked[0].Data}` ({ranked[0].Rows:N0} rows) and ranked by **{main}** ({(higher ? "higher" : "lower")} is better)."),
            new Heading(2, "Ranking", "ranking"),
            Ranking(ranked, main, aliases),
        };

        var overlay = Overlay(ranked, new FigureFileName("comparacion", dataset, phase, date));
        blocks.Add(new FigureBlock(overlay));
        var figures = new List<ReportFigure> { overlay };
        foreach (var result in ranked)
        {
            var own = EvaluationFigures.Draw(result, phase, date);
            figures.AddRange(own);
            blocks.Add(new Heading(2, result.Card.Name, result.Card.Name));
            blocks.Add(new Paragraph($"{result.Card.Engine}; settings: {string.Join(", ", result.Card.Hyperparameters.Select(h => $"`{h.Key}` {h.Value.ToString("R", CultureInfo.InvariantCulture)}"))}; trained on `{result.Card.Train.Path}` (md5 `{result.Card.Train.Md5}`)."));
            blocks.Add(new Paragraph("Most important features: " + string.Join(", ", result.Importance.Take(5).Select(f => $"`{f.Feature}` ({Format(f.Drop)})")) + "."));
            blocks.AddRange(own.Select(f => new FigureBlock(f)));
        }

        foreach (var figure in figures)
        {
            AtomicFile.WriteAllBytes(Path.Combine(root, figure.RelativePath), figure.Png);
            written.Add(figure.RelativePath);
        }

        var document = new ReportDocument($"Models of {dataset}", blocks);
        var stem = $"reports/models_{dataset}";
        using (var md = AtomicFile.Begin(Path.Combine(root, stem + ".md")))
        {
            MarkdownWriter.Write(document, md.Stream);
            md.Commit();
        }

        using (var html = AtomicFile.Begin(Path.Combine(root, stem + ".html")))
        {
            HtmlWriter.Write(document, html.Stream);
            html.Commit();
        }

        written.Add(stem + ".md");
        written.Add(stem + ".html");
        return written;
    }

    private static TableBlock Ranking(IReadOnlyList<EvaluationResult> ranked, string main, IReadOnlyDictionary<string, IReadOnlyList<string>> aliases)
    {
        var others = ranked[0].Metrics.Keys.Where(k => k != main).ToList();
        var rows = ranked.Select((r, i) => (IReadOnlyList<string>)
        [
            (i + 1).ToString(CultureInfo.InvariantCulture),
            $"`{r.Card.Name}`",
            $"**{Format(r.Metrics[main])}**",
            .. others.Select(k => Format(r.Metrics[k])),
            r.Card.TrainingSeconds.ToString("0.0", CultureInfo.InvariantCulture),
            aliases.TryGetValue(r.Card.Name, out var held) ? string.Join(", ", held) : "",
        ]).ToList();
        return new TableBlock(["#", "model", main, .. others, "fit s", "aliases"], "ll" + new string('r', others.Count + 2) + "l", rows);
    }

    /// <summary>Binary: every model's ROC curve on one plot. Otherwise: every model's main metric as bars.</summary>
    private static ReportFigure Overlay(IReadOnlyList<EvaluationResult> ranked, FigureFileName name)
    {
        var (main, _) = Metrics.MainMetric(ranked[0].Card.Task);
        Plot plot;
        if (ranked[0].Roc.Count > 0)
        {
            plot = FigureStyle.NewPlot($"ROC curves of the {name.Dataset} models", "false positive rate", "true positive rate");
            for (var i = 0; i < ranked.Count; i++)
            {
                var roc = ranked[i].Roc;
                var line = plot.Add.ScatterLine(roc.Select(p => p.FalsePositiveRate).ToArray(), roc.Select(p => p.TruePositiveRate).ToArray(), FigureStyle.Series(i));
                line.LineWidth = 2;
                line.LegendText = $"{ranked[i].Card.Name} ({Format(ranked[i].Metrics[main])})";
            }

            var chance = plot.Add.Line(0, 0, 1, 1);
            chance.Color = FigureStyle.Muted;
            chance.LinePattern = LinePattern.Dashed;
            plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.02);
        }
        else
        {
            plot = FigureStyle.NewPlot($"{main} of the {name.Dataset} models", "", main);
            plot.Add.Bars(ranked.Select((r, i) => new Bar { Position = i, Value = r.Metrics[main], FillColor = FigureStyle.Series(i) }).ToList());
            plot.Axes.Bottom.SetTicks([.. ranked.Select((_, i) => (double)i)], [.. ranked.Select(r => r.Card.Name)]);
            plot.Axes.Bottom.TickLabelStyle.Rotation = ranked.Count > 4 ? 20 : 0;
        }

        FigureStyle.LegendBelow(plot);
        return new ReportFigure(name.FileName, $"The {name.Dataset} models compared", $"Each model of {name.Dataset} on {ranked[0].Data}.")
        {
            Png = FigureStyle.Png(plot, FigureStyle.Width, FigureStyle.Height + 60),
            Width = FigureStyle.Width,
            Height = FigureStyle.Height + 60,
        };
    }

    private static double Rank(EvaluationResult result, string main, bool higher) =>
        result.Metrics.TryGetValue(main, out var value) && !double.IsNaN(value) ? (higher ? -value : value) : double.PositiveInfinity;

    private static string Format(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0000", CultureInfo.InvariantCulture);
}
