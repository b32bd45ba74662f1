using System.CommandLine;
using Cauce.Cli.Rendering;
using Cauce.Core.Errors;
using Cauce.Ml.Data.Config;
using Cauce.Ml.Data.Preparation;
using Cauce.Ml.Reporting;
using Spectre.Console;

namespace Cauce.Cli.Commands;

/// <summary>
/// <c>cauce prepare DATASET</c> — or ad hoc, <c>cauce prepare --input FILE --name NAME [--target COL]</c>:
/// raw → interim → processed, with a log of every change.
/// </summary>
internal static class PrepareCommand
{
    public static Command Create(CliContext context)
    {
        var dataset = new Argument<string?>("dataset") { Description = "A dataset declared in params.yaml", Arity = ArgumentArity.ZeroOrOne };
        var input = new Option<string?>("--input", "-i") { Description = "Ad hoc: prepare this CSV with inferred types and the default cleaning" };
        var name = new Option<string?>("--name") { Description = "Ad hoc: the dataset name for the outputs (default: the input's own dataset name)" };
        var target = new Option<string?>("--target") { Description = "Ad hoc: the target column (rows without it are dropped from processed)" };
        var id = new Option<string[]>("--id") { Description = "Ad hoc: identifier columns, left out of processed", AllowMultipleArgumentsPerToken = true };
        var drop = new Option<string[]>("--drop") { Description = "Ad hoc: columns to leave out of processed (leaky ones)", AllowMultipleArgumentsPerToken = true };
        var date = new Option<string?>("--date") { Description = "Ad hoc: the snapshot date in the output names, YYYYMMDD (default: today)" };
        var command = new Command("prepare", "Clean a dataset: raw → interim (typed, trimmed, labels unified, blanks and sentinels missing, duplicates dropped) → processed (ids and leaky columns out, imputed, derived features)")
        {
            dataset, input, name, target, id, drop, date,
        };
        command.SetAction((parsed, ct) =>
        {
            var project = ProjectData.Find(context);
            var config = DataCommands.Config(project, parsed.GetValue(dataset), parsed.GetValue(input), adHoc => DatasetConfig.AdHoc(
                ProjectData.NameFor(parsed.GetValue(name), adHoc),
                project.DateOrToday(parsed.GetValue(date)),
                adHoc,
                parsed.GetValue(target),
                parsed.GetValue(id) ?? [],
                parsed.GetValue(drop) ?? [],
                new SplitConfig(0.2, true, null, 42)));
            return RunAsync(project, config, parsed.GetValue(input), ct);
        });
        return command;
    }

    public static async Task<int> RunAsync(ProjectData project, DatasetConfig config, string? input, CancellationToken cancellationToken)
    {
        var raw = input is null ? project.OpenRaw(config) : project.OpenInput(input);
        var interim = project.InProject(config.InterimName.RelativePath);
        var processed = project.InProject(config.ProcessedName.RelativePath);
        var targets = new PrepareTargets(interim, project.Display(interim), processed, project.Display(processed));
        var log = await Feedback.WithFractionAsync(project.Context, $"preparing {config.Name}",
            progress => Task.Run(() => Preparer.Prepare(raw, config, targets, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);
        var reports = DataReports.Write(project.Root, log);

        var console = project.Context.Out;
        console.MarkupLine($"[green]prepared[/] {Markup.Escape(config.Name)}: {log.Raw.Rows:N0} raw rows → {log.Interim.Rows:N0} interim → {log.Processed.Rows:N0} processed");
        console.MarkupLine($"  {Markup.Escape(log.Interim.Path)}");
        console.MarkupLine($"  {Markup.Escape(log.Processed.Path)} ({log.Processed.Columns} columns)");
        var changed = log.Cleaning.Where(c => c.Total > 0).Select(c => $"{c.Column} {c.Total:N0}");
        console.MarkupLine($"  duplicates dropped {log.DuplicatesDropped:N0}; values changed: {Markup.Escape(string.Join(", ", changed))}");
        console.MarkupLine($"  log: {Markup.Escape(string.Join(", ", reports.Select(r => project.Display(project.InProject(r)))))}");
        return (int)ExitCode.Ok;
    }
}

/// <summary>What the data commands share: choosing between a dataset of params.yaml and the ad hoc form.</summary>
internal static class DataCommands
{
    public static DatasetConfig Config(ProjectData project, string? dataset, string? input, Func<string, DatasetConfig> adHoc)
    {
        return (dataset, input) switch
        {
            (null, null) => throw CauceException.Usage("name a dataset of params.yaml, or give a file with --input", "for example: cauce prepare clientes, or cauce prepare --input data.csv --name clientes"),
            ({ }, { }) => throw CauceException.Usage("give a dataset or --input, not both", "a dataset's file is named in params.yaml; --input is for files that are not"),
            ({ } name, null) => project.Catalog.Get(name),
            (null, { } file) => adHoc(project.Context.FullPath(file)),
        };
    }
}
