using System.CommandLine;
using System.Globalization;
using Cauce.Core.Errors;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Evaluation;
using Cauce.Ml.Reporting;
using Spectre.Console;

namespace Cauce.Cli.Commands;

/// <summary><c>cauce runs [--dataset D] [--algo A] [--json]</c>: the run log, best first, to compare runs.</summary>
internal static class RunsCommand
{
    public static Command Create(CliContext context)
    {
        var dataset = new Option<string?>("--dataset") { Description = "Only this dataset's runs" };
        var algo = new Option<string?>("--algo") { Description = "Only this algorithm's runs" };
        var json = new Option<bool>("--json") { Description = "Print the runs as JSON" };
        var command = new Command("runs", "List the training runs of the run log (.cauce/runs.db), best first per dataset, with settings, metrics and data MD5s")
        {
            dataset, algo, json,
        };
        command.SetAction(parsed =>
        {
            var project = ProjectData.Find(context);
            var runs = new RunLog(project.Root).Read(parsed.GetValue(dataset), parsed.GetValue(algo));
            if (parsed.GetValue(json))
            {
                context.StdOut.Write(ReportJson.Serialize(runs));
                return (int)ExitCode.Ok;
            }

            if (runs.Count == 0)
            {
                context.Out.MarkupLine("no runs yet: every [bold]cauce train[/] is recorded here");
                return (int)ExitCode.Ok;
            }

            foreach (var group in runs.GroupBy(r => (r.Dataset, r.Task)))
            {
                var (main, higher) = Metrics.MainMetric(group.Key.Task);
                var ordered = group.OrderBy(r => Sort(r, main, higher)).ThenBy(r => r.Id).ToList();
                var table = new Table().Border(TableBorder.Simple).Title($"{Markup.Escape(group.Key.Dataset)} ({group.Key.Task}), by {main}")
                    .AddColumns("run", "started", "model", main, "settings", "train md5", "fit");
                foreach (var run in ordered)
                {
                    table.AddRow(
                        run.Id.ToString(CultureInfo.InvariantCulture),
                        run.Started,
                        Markup.Escape(run.Model),
                        run.Metrics.TryGetValue(main, out var value) ? TrainCommand.Format(value) : "—",
                        Markup.Escape(string.Join(" ", run.Hyperparameters.Select(h => $"{h.Key}={h.Value.ToString("R", CultureInfo.InvariantCulture)}"))),
                        run.TrainMd5[..8],
                        run.Seconds.ToString("0.0 s", CultureInfo.InvariantCulture));
                }

                context.Out.Write(table);
            }

            return (int)ExitCode.Ok;
        });
        return command;
    }

    private static double Sort(RunRecord run, string main, bool higher) =>
        run.Metrics.TryGetValue(main, out var value) && !double.IsNaN(value) ? (higher ? -value : value) : double.PositiveInfinity;
}
