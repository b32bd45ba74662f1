using System.CommandLine;
using System.Globalization;
using Cauce.Cli.Rendering;
using Cauce.Core.Conventions;
using Cauce.Core.Errors;
using Cauce.Ml.Data.Config;
using Cauce.Ml.Data.Splitting;
using Cauce.Ml.Reporting;
using Spectre.Console;

namespace Cauce.Cli.Commands;

/// <summary>
/// <c>cauce split DATASET</c> — or ad hoc, <c>cauce split --input FILE --target COL [--test-size 0.2] [--seed 42]</c>:
/// train and test files, stratified for classification, by time when a time column is named.
/// </summary>
internal static class SplitCommand
{
    public static Command Create(CliContext context)
    {
        var dataset = new Argument<string?>("dataset") { Description = "A dataset declared in params.yaml: splits its processed file", Arity = ArgumentArity.ZeroOrOne };
        var input = new Option<string?>("--input", "-i") { Description = "Ad hoc: split this CSV" };
        var target = new Option<string?>("--target") { Description = "Ad hoc: the target column (stratifies a classification split)" };
        var testSize = new Option<double>("--test-size") { Description = "Ad hoc: the share of rows for test, between 0 and 1", DefaultValueFactory = _ => 0.2 };
        testSize.Validators.Add(result =>
        {
            if (result.Tokens is [.., var token] && double.TryParse(token.Value, CultureInfo.InvariantCulture, out var value) && value is <= 0 or >= 1)
                result.AddError($"--test-size must be between 0 and 1, got {token.Value}");
        });
        var seed = new Option<ulong>("--seed") { Description = "Ad hoc: the random seed", DefaultValueFactory = _ => 42 };
        var time = new Option<string?>("--time-column") { Description = "Ad hoc: split by time on this date column (latest rows to test)" };
        var noStratify = new Option<bool>("--no-stratify") { Description = "Ad hoc: a plain random split even for classification" };
        var name = new Option<string?>("--name") { Description = "Ad hoc: the dataset name for the outputs (default: the input's own dataset name)" };
        var date = new Option<string?>("--date") { Description = "Ad hoc: the date in the output names, YYYYMMDD (default: the input's own date, else today)" };
        var command = new Command("split", "Split a dataset into train and test files (stratified, seeded; or by time)")
        {
            dataset, input, target, testSize, seed, time, noStratify, name, date,
        };
        command.SetAction((parsed, ct) =>
        {
            var project = ProjectData.Find(context);
            var config = DataCommands.Config(project, parsed.GetValue(dataset), parsed.GetValue(input), adHoc =>
            {
                var own = DatasetFileName.TryParse(Path.GetFileName(adHoc)).Value;
                return DatasetConfig.AdHoc(
                    ProjectData.NameFor(parsed.GetValue(name), adHoc),
                    parsed.GetValue(date) is { } given ? project.DateOrToday(given) : own?.Date ?? project.Context.Today,
                    adHoc,
                    parsed.GetValue(target) ?? throw CauceException.Usage("an ad hoc split needs --target COL", "name the column to predict, e.g. --target abandono"),
                    [],
                    [],
                    new SplitConfig(parsed.GetValue(testSize), !parsed.GetValue(noStratify), parsed.GetValue(time), parsed.GetValue(seed)));
            });
            return RunAsync(project, config, parsed.GetValue(input), ct);
        });
        return command;
    }

    public static async Task<int> RunAsync(ProjectData project, DatasetConfig config, string? input, CancellationToken cancellationToken)
    {
        var target = config.Target ?? throw new CauceException($"params.yaml: datasets.{config.Name} names no target", "add 'target: <column>' to the dataset: the split is stratified on it");
        var processedPath = project.InProject(config.ProcessedName.RelativePath);
        if (input is null && !File.Exists(processedPath))
            throw new CauceException($"{project.Display(processedPath)} does not exist yet", $"run 'cauce prepare {config.Name}' first: split takes the processed file");
        var source = project.OpenInput(input ?? processedPath);
        var processed = config.ProcessedName;
        var train = project.InProject(processed.AsSplit(SplitPart.Train).RelativePath);
        var test = project.InProject(processed.AsSplit(SplitPart.Test).RelativePath);
        var options = new SplitOptions(config.Name, target, config.Task, config.Split.TestSize, config.Split.Stratify, config.Split.TimeColumn, config.Split.Seed);
        var targets = new SplitTargets(train, project.Display(train), test, project.Display(test));
        var report = await Feedback.WithFractionAsync(project.Context, $"splitting {source.DisplayPath}",
            progress => Task.Run(() => Splitter.Split(source, options, targets, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);
        var reports = DataReports.Write(project.Root, report, NameParts.FormatDate(config.Date));

        var console = project.Context.Out;
        console.MarkupLine($"[green]split[/] {Markup.Escape(source.DisplayPath)} ({report.Method}): {report.Train.Rows:N0} train, {report.Test.Rows:N0} test");
        console.MarkupLine($"  {Markup.Escape(report.Train.Path)}");
        console.MarkupLine($"  {Markup.Escape(report.Test.Path)}");
        foreach (var balance in report.Balance.Take(10))
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"  {Markup.Escape(balance.Label)}: {Share(balance.Train, report.Train.Rows)} of train, {Share(balance.Test, report.Test.Rows)} of test"));
        }

        foreach (var warning in report.Warnings)
            console.MarkupLine($"  [yellow]warning[/]: {Markup.Escape(warning)}");
        console.MarkupLine($"  report: {Markup.Escape(string.Join(", ", reports.Select(r => project.Display(project.InProject(r)))))}");
        return (int)ExitCode.Ok;
    }

    private static string Share(long part, long whole) => ((double)part / Math.Max(whole, 1)).ToString("P1", CultureInfo.InvariantCulture);
}
