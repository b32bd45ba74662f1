using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Cauce.Core.Errors;
using Cauce.Ml.Modeling.Evaluation;
using Cauce.Ml.Reporting;
using Spectre.Console;

namespace Cauce.Cli.Commands;

/// <summary><c>cauce metrics show|diff</c>: the metrics files that <c>cauce evaluate</c> writes to <c>reports/metrics/</c>.</summary>
internal static class MetricsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("metrics", "Show and compare the evaluation metrics in reports/metrics/ (the files dvc metrics reads too)");
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var show = new Command("show", "Every model's metrics from its last evaluation") { json };
        show.SetAction(parsed =>
        {
            var project = ProjectData.Find(context);
            var all = Read(project);
            if (parsed.GetValue(json))
            {
                context.StdOut.Write(ReportJson.Serialize(all));
                return (int)ExitCode.Ok;
            }

            if (all.Count == 0)
            {
                context.Out.MarkupLine($"no metrics yet: [bold]cauce evaluate <model>[/] writes them to {EvaluationOutputs.MetricsFolder}/");
                return (int)ExitCode.Ok;
            }

            var keys = all.Values.SelectMany(m => m.Keys).Distinct().Where(IsMetric).ToList();
            var table = new Table().Border(TableBorder.Simple).AddColumn("model");
            foreach (var key in keys)
                table.AddColumn(key);
            foreach (var (model, metrics) in all)
                table.AddRow([Markup.Escape(model), .. keys.Select(k => metrics.TryGetValue(k, out var v) ? TrainCommand.Format(v) : "")]);
            context.Out.Write(table);
            return (int)ExitCode.Ok;
        });

        var a = new Argument<string>("model-a") { Description = "The first model (rf_clientes_v1)" };
        var b = new Argument<string>("model-b") { Description = "The model to compare with it (rf_clientes_v2)" };
        var diff = new Command("diff", "Compare two models' metrics: each value and the change") { a, b, json };
        diff.SetAction(parsed =>
        {
            var project = ProjectData.Find(context);
            var all = Read(project);
            var first = Get(all, parsed.GetValue(a)!);
            var second = Get(all, parsed.GetValue(b)!);
            var rows = first.Keys.Intersect(second.Keys).Where(IsMetric).Select(k => (Key: k, A: first[k], B: second[k])).ToList();
            if (parsed.GetValue(json))
            {
                context.StdOut.Write(ReportJson.Serialize(rows.ToDictionary(r => r.Key, r => new { old = r.A, @new = r.B, change = r.B - r.A })));
                return (int)ExitCode.Ok;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("metric", Markup.Escape(parsed.GetValue(a)!), Markup.Escape(parsed.GetValue(b)!), "change");
            foreach (var (key, x, y) in rows)
            {
                var change = y - x;
                var better = change == 0 ? "" : MetricKeys.HigherIsBetter(key) == change > 0 ? "green" : "red";
                var text = change.ToString("+0.0000;-0.0000;0", CultureInfo.InvariantCulture);
                table.AddRow(key, TrainCommand.Format(x), TrainCommand.Format(y), better.Length == 0 ? text : $"[{better}]{text}[/]");
            }

            context.Out.Write(table);
            return (int)ExitCode.Ok;
        });

        command.Subcommands.Add(show);
        command.Subcommands.Add(diff);
        return command;
    }

    private static bool IsMetric(string key) => MetricKeys.Binary.Concat(MetricKeys.Multiclass).Concat(MetricKeys.Regression).Contains(key);

    private static Dictionary<string, double> Get(SortedDictionary<string, Dictionary<string, double>> all, string model) =>
        all.TryGetValue(model, out var metrics) ? metrics
        : throw new CauceException($"there are no metrics for {model} in {EvaluationOutputs.MetricsFolder}/", $"run 'cauce evaluate {model}' first");

    /// <summary>model → numeric metrics, from every reports/metrics/*.json.</summary>
    private static SortedDictionary<string, Dictionary<string, double>> Read(ProjectData project)
    {
        var all = new SortedDictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        var folder = project.InProject(EvaluationOutputs.MetricsFolder);
        if (!Directory.Exists(folder))
            return all;
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(file));
                var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.Number)
                        metrics[property.Name] = property.Value.GetDouble();
                }

                all[Path.GetFileNameWithoutExtension(file)] = metrics;
            }
            catch (JsonException e)
            {
                throw DataFileException.In(project.Display(file), $"is not JSON: {e.Message}", "run 'cauce evaluate' again to rewrite it");
            }
        }

        return all;
    }
}
