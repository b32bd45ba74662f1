using System.Globalization;
using System.Text;
using Cauce.Core.IO;
using Cauce.Ml.Data.Preparation;
using Cauce.Ml.Data.Splitting;

namespace Cauce.Ml.Reporting;

/// <summary>
/// The logs of the data steps, each written as Markdown (for people) and JSON (for tools and <c>dvc metrics</c>)
/// under <c>reports/</c>: <c>prepare_&lt;dataset&gt;_&lt;date&gt;</c> and <c>split_&lt;dataset&gt;_&lt;date&gt;</c>.
/// </summary>
public static class DataReports
{
    /// <summary>Writes the prepare log; returns the two paths written, relative to the root.</summary>
    public static IReadOnlyList<string> Write(string root, PrepareLog log)
    {
        var stem = $"reports/prepare_{log.Dataset}_{log.Date}";
        return WriteBoth(root, stem, PrepareMarkdown(log), ReportJson.Serialize(log));
    }

    /// <summary>Writes the split report; returns the two paths written, relative to the root.</summary>
    public static IReadOnlyList<string> Write(string root, SplitReport report, string date)
    {
        var stem = $"reports/split_{report.Dataset}_{date}";
        return WriteBoth(root, stem, SplitMarkdown(report), ReportJson.Serialize(report));
    }

    private static IReadOnlyList<string> WriteBoth(string root, string stem, string markdown, string json)
    {
        AtomicFile.WriteAllText(Path.Combine(root, stem + ".md"), markdown);
        AtomicFile.WriteAllText(Path.Combine(root, stem + ".json"), json);
        return [stem + ".md", stem + ".json"];
    }

    public static string PrepareMarkdown(PrepareLog log)
    {
        var md = new StringBuilder();
        md.Append(Inv, $"# Prepare log: {log.Dataset} ({log.Date})\n");
        md.Append('\n');
        md.Append("| file | rows | columns |\n");
        md.Append("|---|---:|---:|\n");
        foreach (var (label, file) in new[] { ("raw", log.Raw), ("interim", log.Interim), ("processed", log.Processed) })
            md.Append(Inv, $"| {label}: `{file.Path}` | {file.Rows:N0} | {file.Columns} |\n");
        md.Append('\n');
        md.Append(Inv, $"Target: `{log.Target ?? "none"}` ({log.Task}).\n");
        md.Append('\n');
        md.Append("## raw → interim\n");
        md.Append('\n');
        md.Append(Inv, $"- exact duplicate rows dropped: **{log.DuplicatesDropped:N0}** ({log.Raw.Rows:N0} → {log.Interim.Rows:N0} rows)\n");
        md.Append('\n');
        md.Append("| column | type | missing (blank or token) | trimmed | sentinel → missing | labels respelled | reformatted |\n");
        md.Append("|---|---|---:|---:|---:|---:|---:|\n");
        foreach (var c in log.Cleaning)
            md.Append(Inv, $"| `{c.Column}` | {c.Type} | {c.Missing:N0} | {c.Trimmed:N0} | {c.Sentinels:N0} | {c.Respelled:N0} | {c.Reformatted:N0} |\n");
        md.Append('\n');
        md.Append("## interim → processed\n");
        md.Append('\n');
        foreach (var dropped in log.DroppedColumns)
            md.Append(Inv, $"- column `{dropped.Column}` left out: {dropped.Reason}\n");
        md.Append(Inv, $"- rows without a target dropped: **{log.RowsWithoutTarget:N0}**\n");
        if (log.RowsDroppedForMissing > 0)
            md.Append(Inv, $"- rows dropped for a missing value (impute: drop): **{log.RowsDroppedForMissing:N0}**\n");
        md.Append(Inv, $"- {log.Interim.Rows:N0} → {log.Processed.Rows:N0} rows\n");
        md.Append('\n');
        var filled = log.Imputed.Where(i => i.Filled > 0).ToList();
        if (filled.Count > 0)
        {
            md.Append("| column | imputed with | value | values filled |\n");
            md.Append("|---|---|---|---:|\n");
            foreach (var i in filled)
                md.Append(Inv, $"| `{i.Column}` | {i.Strategy} | {(i.Value is null ? "—" : $"`{i.Value}`")} | {i.Filled:N0} |\n");
            md.Append('\n');
        }

        md.Append(Inv, $"Missing values filled: {filled.Sum(i => i.Filled):N0} in {filled.Count} column{(filled.Count == 1 ? "" : "s")}; the other columns had none to fill.\n\n");

        if (log.Derived.Count > 0)
        {
            md.Append("| derived feature | formula | rows it could not be computed for |\n");
            md.Append("|---|---|---:|\n");
            foreach (var d in log.Derived)
                md.Append(Inv, $"| `{d.Column}` | `{d.Expression}` | {d.Missing:N0} |\n");
            md.Append('\n');
        }

        return md.ToString();
    }

    public static string SplitMarkdown(SplitReport report)
    {
        var md = new StringBuilder();
        md.Append(Inv, $"# Split: {report.Dataset}\n");
        md.Append('\n');
        var how = report.Method == "time"
            ? $"by time on `{report.TimeColumn}`: rows from {report.Cutoff} on went to test"
            : $"{report.Method}, seed {report.Seed}";
        md.Append(Inv, $"`{report.Input}` split {how}; test size {report.TestSize:0.###}.\n");
        md.Append('\n');
        md.Append("| side | file | rows |\n");
        md.Append("|---|---|---:|\n");
        md.Append(Inv, $"| train | `{report.Train.Path}` | {report.Train.Rows:N0} |\n");
        md.Append(Inv, $"| test | `{report.Test.Path}` | {report.Test.Rows:N0} |\n");
        md.Append('\n');
        if (report.Balance.Count > 0)
        {
            md.Append(Inv, $"Class balance of `{report.Target}`:\n");
            md.Append('\n');
            md.Append("| class | train | train % | test | test % |\n");
            md.Append("|---|---:|---:|---:|---:|\n");
            foreach (var b in report.Balance)
                md.Append(Inv, $"| `{b.Label}` | {b.Train:N0} | {Share(b.Train, report.Train.Rows)} | {b.Test:N0} | {Share(b.Test, report.Test.Rows)} |\n");
            md.Append('\n');
        }

        if (report.Spread is { } spread)
        {
            md.Append(Inv, $"Target `{report.Target}`: train mean {spread.TrainMean:0.####} (std {spread.TrainStd:0.####}), test mean {spread.TestMean:0.####} (std {spread.TestStd:0.####}).\n");
            md.Append('\n');
        }

        foreach (var warning in report.Warnings)
            md.Append(Inv, $"- warning: {warning}\n");
        return md.ToString();
    }

    private static string Share(long part, long whole) =>
        whole == 0 ? "—" : ((double)part / whole).ToString("P1", CultureInfo.InvariantCulture);

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
}
