using Cauce.Ml.Reporting;
using Cauce.Ml.Data.Schema;
using Cauce.Ml.Eda.Figures;
using Cauce.Ml.Eda.Profiling;

namespace Cauce.Ml.Eda.Reports;

/// <summary>
/// Lays out the EDA report: data quality first (the dirt), then an overview, the columns by kind, missing values,
/// correlations, the target, each column with its figure, and how every number was computed.
/// </summary>
internal static class ReportComposer
{
    private const int LabelsListed = 5;

    public static IReadOnlyList<Block> Compose(EdaReport report)
    {
        var p = report.Profile;
        var blocks = new List<Block>
        {
            new Heading(1, $"EDA: {report.Subject}", "eda"),
            new Paragraph(Intro(p)),
        };

        blocks.Add(new Heading(2, "Data quality", "data-quality"));
        blocks.Add(p.Findings.Count == 0
            ? new Paragraph("Nothing found: no missing values, duplicates, sentinels, stray spellings or outliers.")
            : new BulletList([.. p.Findings.Select(f => f.Message + ".")]));

        blocks.Add(new Heading(2, "Overview", "overview"));
        blocks.Add(Overview(p));

        blocks.Add(new Heading(2, "Columns", "columns"));
        ColumnTables(p, blocks);

        blocks.Add(new Heading(2, "Missing values", "missing-values"));
        var missing = p.Columns.Sum(c => c.Missing.Total);
        blocks.Add(new Paragraph(missing == 0
            ? "No column has a missing value."
            : $"{ReportText.Count(missing)} missing cells ({ReportText.Share(missing, p.Rows * p.Columns.Count)} of all), in {ReportText.Plural(p.Columns.Count(c => c.Missing.Total > 0), "column", "columns")}. A value is missing when it is empty, only spaces, or one of the missing tokens."));
        AddFigure(blocks, report.Figure(FigureKind.Missing));

        blocks.Add(new Heading(2, "Correlations", "correlations"));
        Correlations(report, blocks);

        if (p.Target is { } target)
        {
            blocks.Add(new Heading(2, $"Target: {ReportText.Code(target.Column)}", "target"));
            Target(report, target, blocks);
        }

        blocks.Add(new Heading(2, "Column by column", "column-by-column"));
        for (var i = 0; i < p.Columns.Count; i++)
            ColumnSection(report, p.Columns[i], i, blocks);

        blocks.Add(new Heading(2, "How this was computed", "method"));
        blocks.Add(new BulletList(Method(report)));
        return blocks;
    }

    private static string Intro(DatasetProfile p)
    {
        var target = p.Target is { } t
            ? $" Target {ReportText.Code(t.Column)} ({(t.Kind == TargetKind.Classes ? $"{ReportText.Plural(t.Classes.Count, "class", "classes")}" : "numeric")})."
            : " No target was given (`--target COL`).";
        return $"Source {ReportText.Code(p.Source)}: **{ReportText.Count(p.Rows)} rows** and **{ReportText.Count(p.Columns.Count)} columns**.{target} " +
            $"{ReportText.Plural(p.Findings.Count, "data-quality finding", "data-quality findings")} below.";
    }

    private static TableBlock Overview(DatasetProfile p)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "rows", ReportText.Count(p.Rows) },
            new[] { "columns", ReportText.Count(p.Columns.Count) },
        };
        foreach (var group in p.Columns.GroupBy(c => c.Type).OrderBy(g => g.Key))
            rows.Add([$"{group.Key.Name()} columns", $"{ReportText.Count(group.Count())}: {string.Join(", ", group.Select(c => ReportText.Code(c.Name)))}"]);
        var cells = p.Rows * p.Columns.Count;
        var missing = p.Columns.Sum(c => c.Missing.Total);
        rows.Add(["missing cells", $"{ReportText.Count(missing)} ({ReportText.Share(missing, cells)})"]);
        rows.Add(["exact duplicate rows", $"{(p.Duplicates.LowerBound ? "at least " : "")}{ReportText.Count(p.Duplicates.Exact)} ({ReportText.Share(p.Duplicates.Exact, p.Rows)})"]);
        if (p.Duplicates.IdentifierColumns.Count > 0)
            rows.Add([$"duplicates ignoring {string.Join(", ", p.Duplicates.IdentifierColumns.Select(ReportText.Code))}", $"{ReportText.Count(p.Duplicates.IgnoringIdentifiers)} ({ReportText.Share(p.Duplicates.IgnoringIdentifiers, p.Rows)})"]);
        return new TableBlock(["", "value"], "ll", rows);
    }

    private static void ColumnTables(DatasetProfile p, List<Block> blocks)
    {
        var numeric = p.Columns.Where(c => c.Numeric is not null).ToList();
        if (numeric.Count > 0)
        {
            blocks.Add(new Heading(3, "Numbers", "columns-numbers"));
            blocks.Add(new TableBlock(
                ["column", "type", "missing", "distinct", "mean", "std", "min", "p5", "p25", "p50", "p75", "p95", "max", "outliers"],
                "llrrrrrrrrrrrr",
                [.. numeric.Select(c =>
                {
                    var n = c.Numeric!;
                    var q = n.Quantiles;
                    var mark = n.QuantilesSampled ? "≈" : "";
                    return (IReadOnlyList<string>)
                    [
                        ReportText.Code(c.Name), c.Type.Name(), Missing(c), Distinct(c), ReportText.Number(n.Mean), ReportText.Number(n.Std),
                        ReportText.Number(n.Min), mark + ReportText.Number(q.P5), mark + ReportText.Number(q.P25), mark + ReportText.Number(q.P50),
                        mark + ReportText.Number(q.P75), mark + ReportText.Number(q.P95), ReportText.Number(n.Max), (n.QuantilesSampled && n.Outliers > 0 ? "≈" : "") + ReportText.Count(n.Outliers),
                    ];
                })]));
            if (numeric.Any(c => c.Numeric!.QuantilesSampled))
                blocks.Add(new Paragraph($"≈: from a seeded sample of {ReportText.Count(p.Settings.QuantileSampleSize)} values (the column has more); min, max, mean and std are always exact."));
        }

        var labelled = p.Columns.Where(c => c.Type is ColumnType.Category or ColumnType.Boolean).ToList();
        if (labelled.Count > 0)
        {
            blocks.Add(new Heading(3, "Categories and yes/no", "columns-categories"));
            blocks.Add(new TableBlock(
                ["column", "type", "missing", "labels", "most frequent", "spellings"],
                "llrrll",
                [.. labelled.Select(c => (IReadOnlyList<string>)
                [
                    ReportText.Code(c.Name), c.Type.Name() + (c.Mixed is not null ? " (mixed)" : ""), Missing(c), ReportText.Count(c.Labels ?? 0), TopLabels(c),
                    c.SpellingVariants.Count == 0 ? "—" : $"{ReportText.Count(c.SpellingVariants.Sum(v => v.Spellings.Count))} for {ReportText.Count(c.SpellingVariants.Count)} labels",
                ])]));
        }

        var dates = p.Columns.Where(c => c.Dates is not null).ToList();
        if (dates.Count > 0)
        {
            blocks.Add(new Heading(3, "Dates", "columns-dates"));
            blocks.Add(new TableBlock(["column", "missing", "distinct", "first", "last"], "lrrll",
                [.. dates.Select(c => (IReadOnlyList<string>)[ReportText.Code(c.Name), Missing(c), Distinct(c), c.Dates!.Min, c.Dates.Max])]));
        }

        var text = p.Columns.Where(c => c.Type == ColumnType.Text || (c.Type == ColumnType.Date && c.Dates is null)).ToList();
        if (text.Count > 0)
        {
            blocks.Add(new Heading(3, "Text and identifiers", "columns-text"));
            blocks.Add(new TableBlock(["column", "missing", "distinct", "note"], "lrrl",
                [.. text.Select(c => (IReadOnlyList<string>)
                [
                    ReportText.Code(c.Name), Missing(c), Distinct(c),
                    c.Present == 0 ? "empty" : c.IdentifierLike ? "identifier: a distinct value on almost every row" : c.Mixed is not null ? "mixed numbers and text" : c.TopValues.Count > 0 ? TopLabels(c) : "free text",
                ])]));
        }
    }

    private static void Correlations(EdaReport report, List<Block> blocks)
    {
        var m = report.Profile.Correlations;
        if (m.Columns.Count < 2)
        {
            blocks.Add(new Paragraph("Fewer than two numeric or yes/no columns: no correlations."));
            return;
        }

        blocks.Add(new Paragraph($"Pearson's r between the {ReportText.Count(m.Columns.Count)} numeric and yes/no columns (yes = 1), each pair over the rows where both are present. The strongest pairs:"));
        blocks.Add(new TableBlock(["column", "column", "r", "rows"], "llrr",
            [.. m.Strongest.Select(pair => (IReadOnlyList<string>)[ReportText.Code(pair.A), ReportText.Code(pair.B), ReportText.Number(pair.R), ReportText.Count(pair.Rows)])]));
        if (m.LeftOut.Count > 0)
            blocks.Add(new Paragraph($"Left out (only the first {report.Profile.Settings.CorrelationColumnLimit} enter the matrix): {string.Join(", ", m.LeftOut.Select(ReportText.Code))}."));
        AddFigure(blocks, report.Figure(FigureKind.Correlation));
    }

    private static void Target(EdaReport report, TargetProfile target, List<Block> blocks)
    {
        var p = report.Profile;
        var column = p.Column(target.Column);
        if (target.Kind == TargetKind.Classes)
        {
            var minority = target.Classes.Count > 0 ? target.Classes[^1] : null;
            blocks.Add(new Paragraph($"Class balance over the {ReportText.Count(column.Present)} rows where the target is present" +
                (target.Missing > 0 ? $" ({ReportText.Count(target.Missing)} missing)" : "") +
                (minority is not null && target.Classes.Count > 1 ? $"; the rarest class, {ReportText.Code(minority.Label)}, is {ReportText.Percent(minority.Share)}." : ".")));
            blocks.Add(new TableBlock(["class", "rows", "share"], "lrr",
                [.. target.Classes.Select(c => (IReadOnlyList<string>)[ReportText.Code(c.Label) + (c.Label == target.PositiveClass ? " (positive)" : ""), ReportText.Count(c.Count), ReportText.Percent(c.Share)])]));
            AddFigure(blocks, report.Figure(FigureKind.Categories, target.Column));
        }
        else if (column.Numeric is { } n)
        {
            blocks.Add(new Paragraph($"Distribution: mean {ReportText.Number(n.Mean)}, std {ReportText.Number(n.Std)}, median {ReportText.Number(n.Quantiles.P50)}, from {ReportText.Number(n.Min)} to {ReportText.Number(n.Max)}" +
                (target.Missing > 0 ? $"; {ReportText.Count(target.Missing)} missing." : ".")));
            AddFigure(blocks, report.Figure(FigureKind.Distribution, target.Column));
        }

        if (target.Related.Count == 0)
            return;
        blocks.Add(new Heading(3, "Features most related to the target", "target-related"));
        blocks.Add(new Paragraph("Strength in [0, 1]: |r| between numbers, the correlation ratio η for numbers against classes or integer codes, Cramér's V between classes. Identifiers are left out."));
        blocks.Add(new TableBlock(["feature", "measure", "value", "rows"], "llrr",
            [.. target.Related.Take(12).Select(r => (IReadOnlyList<string>)[ReportText.Code(r.Feature), Measures.Describe(r.Measure), ReportText.Number(r.Value), ReportText.Count(r.Rows)])]));
        foreach (var figure in report.Figures.Where(f => f.Kind == FigureKind.TargetVersus))
            AddFigure(blocks, figure);
    }

    private static void ColumnSection(EdaReport report, ColumnProfile c, int index, List<Block> blocks)
    {
        blocks.Add(new Heading(3, $"{ReportText.Code(c.Name)} ({c.Type.Name()})", $"column-{index + 1}-{Anchor(c.Name)}"));
        var facts = new List<string>
        {
            $"{ReportText.Count(c.Present)} present, {Missing(c)} missing, {Distinct(c)} distinct",
        };
        if (c.Numeric is { } n)
        {
            facts.Add($"mean {ReportText.Number(n.Mean)}, std {ReportText.Number(n.Std)}, from {ReportText.Number(n.Min)} to {ReportText.Number(n.Max)}");
            facts.Add($"quartiles {ReportText.Number(n.Quantiles.P25)}, {ReportText.Number(n.Quantiles.P50)}, {ReportText.Number(n.Quantiles.P75)}{(n.QuantilesSampled ? " (sampled)" : "")}");
        }

        if (c.TrueShare is { } share)
            facts.Add($"{ReportText.Percent(share)} true");
        if (c.Dates is { } d)
            facts.Add($"from {d.Min} to {d.Max}");
        if (c.Type is ColumnType.Category or ColumnType.Boolean)
            facts.Add($"most frequent: {TopLabels(c)}");
        blocks.Add(new Paragraph(string.Join("; ", facts) + "."));

        var findings = report.Profile.Findings.Where(f => f.Column == c.Name).Select(f => f.Message + ".").ToList();
        foreach (var variant in c.SpellingVariants)
            findings.Add($"{ReportText.Quoted(variant.Label)} is written {string.Join(", ", variant.Spellings.Select(s => $"{ReportText.Quoted(s.Spelling)} ({ReportText.Count(s.Count)})"))}.");
        if (findings.Count > 0)
            blocks.Add(new BulletList(findings));
        var kind = c.Type is ColumnType.Category or ColumnType.Boolean ? FigureKind.Categories : FigureKind.Distribution;
        AddFigure(blocks, report.Figure(kind, c.Name));
    }

    private static List<string> Method(EdaReport report)
    {
        var p = report.Profile;
        var s = p.Settings;
        var sampled = p.Columns.Where(c => c.Numeric is { QuantilesSampled: true }).Select(c => ReportText.Code(c.Name)).ToList();
        return
        [
            "Types are inferred from every value of the file: a column is the most specific type all its present values fit (yes/no, integer, number, date), else a category (few labels) or text. A column mixing numbers and text is reported above, not rejected.",
            $"Missing: empty, only spaces, or one of {string.Join(" ", s.MissingTokens.Where(t => t.Length > 0).Select(ReportText.Code))} (after trimming). Spaces at either end of other values are counted as stray spaces.",
            "Labels that differ only in upper/lower case or spaces are one label, shown in its most frequent spelling; the other spellings are listed.",
            $"Mean and standard deviation (n − 1) are exact (Welford's one-pass method). Quantiles interpolate linearly between ranks (as pandas does) and are exact for a column with at most {ReportText.Count(s.QuantileSampleSize)} values; beyond, they come from a uniform reservoir sample of that size drawn with seed {s.Seed}" +
                (sampled.Count > 0 ? $" (sampled here: {string.Join(", ", sampled)})." : " (no column needed it here)."),
            "Outliers lie more than 3 interquartile ranges below the first or above the third quartile. A possible sentinel is a typical code (-1, 99, 999, -999, 9999…) at the low or high end, separated from the next value by at least a tenth of the other values' range.",
            "Distinct counts are exact up to 2,000 values per column, estimated (≈, HyperLogLog, about 2%) beyond.",
            "Duplicate rows have every field equal, compared by 128-bit hashes of the rows" + (p.Duplicates.IdentifierColumns.Count > 0 ? "; a second count leaves out the identifier columns." : "."),
            $"Correlations are Pearson's r over the rows where both columns are present (yes = 1, no = 0), for at most {s.CorrelationColumnLimit} columns.",
            $"Target figures with box plots or points draw from a seeded sample of {ReportText.Count(s.RowSampleSize)} rows; shares per label use exact counts.",
            $"Figures are in `reports/figures/`, named `<topic>_{report.Naming.Dataset}{(report.Naming.Phase is { } phase ? "_" + Cauce.Core.Conventions.DataPhases.Name(phase) : "")}_{Cauce.Core.Conventions.NameParts.FormatDate(report.Naming.Date)}.png` by the course convention.",
        ];
    }

    private static void AddFigure(List<Block> blocks, EdaFigure? figure)
    {
        if (figure is not null)
            blocks.Add(new FigureBlock(figure.AsReportFigure()));
    }

    private static string Missing(ColumnProfile c) =>
        c.Missing.Total == 0 ? "0" : $"{ReportText.Count(c.Missing.Total)} ({ReportText.Share(c.Missing.Total, c.Rows)})";

    private static string Distinct(ColumnProfile c) => (c.DistinctEstimated ? "≈" : "") + ReportText.Count(c.Distinct);

    private static string TopLabels(ColumnProfile c)
    {
        var rows = Math.Max(1, c.Present);
        var listed = c.TopValues.Take(LabelsListed).Select(t => $"{ReportText.Quoted(t.Label)} {ReportText.Share(t.Count, rows)}");
        return string.Join(", ", listed) + (c.TopValues.Count > LabelsListed || (c.Labels ?? 0) > LabelsListed ? ", …" : "");
    }

    /// <summary>Plain ASCII for an HTML id (made unique by the column's number).</summary>
    private static string Anchor(string name) => EdaNaming.ToField(name) ?? "column";
}
