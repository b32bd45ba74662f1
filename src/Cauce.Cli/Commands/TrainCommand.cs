using System.CommandLine;
using System.Globalization;
using Cauce.Cli.Rendering;
using Cauce.Core.Conventions;
using Cauce.Core.Errors;
using Cauce.Ml;
using Cauce.Ml.Data.Config;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Evaluation;
using Cauce.Ml.Reporting;
using Spectre.Console;

namespace Cauce.Cli.Commands;

/// <summary>
/// <c>cauce train DATASET [--algo rf,xgb,lr]</c> — or ad hoc, <c>cauce train --train FILE --test FILE --target COL
/// --name NAME --algo A</c>: versioned model files with their cards, each run appended to the run log.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var dataset = new Argument<string?>("dataset") { Description = "A dataset declared in params.yaml: trains on its train split, judged on its test split", Arity = ArgumentArity.ZeroOrOne };
        var algo = new Option<string?>("--algo", "-a") { Description = $"Algorithms, comma-separated: {Algorithms.List} (default: the dataset's train.algos)" };
        var train = new Option<string?>("--train") { Description = "Ad hoc: the training CSV" };
        var test = new Option<string?>("--test") { Description = "Ad hoc: the test CSV (metrics are computed on it)" };
        var target = new Option<string?>("--target") { Description = "Ad hoc: the column to predict" };
        var name = new Option<string?>("--name") { Description = "Ad hoc: the dataset name in the model file names (default: the training file's own dataset name)" };
        var task = new Option<string?>("--task") { Description = "binary, multiclass or regression (default: read from the target)" };
        task.AcceptOnlyFromAmong(PredictionTasks.Names);
        var folds = new Option<long?>("--folds") { Description = "Also cross-validate with k folds on the training file: mean ± std per metric" };
        folds.Validators.Add(result =>
        {
            if (result.Tokens is [.., var token] && long.TryParse(token.Value, CultureInfo.InvariantCulture, out var k) && k is < 2 or > 100)
                result.AddError($"--folds must be from 2 to 100, got {token.Value}");
        });
        var seed = new Option<int?>("--seed") { Description = "The seed (default: params.yaml's seed, or 42)" };
        var json = new Option<bool>("--json") { Description = "Print the model cards as JSON" };
        var command = new Command("train", "Train models: one versioned file per algorithm in models/, with its card; every run goes to the run log")
        {
            dataset, algo, train, test, target, name, task, folds, seed, json,
        };
        command.SetAction((parsed, ct) =>
        {
            var project = ProjectData.Find(context);
            var algos = parsed.GetValue(algo)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var job = parsed.GetValue(dataset) is { } datasetName
                ? FromParams(project, datasetName, algos, parsed.GetValue(folds), parsed.GetValue(seed), AdHocOption(parsed, train, test, target, name, task))
                : AdHoc(project, parsed.GetValue(train), parsed.GetValue(test), parsed.GetValue(target), parsed.GetValue(name), parsed.GetValue(task), algos, parsed.GetValue(folds), parsed.GetValue(seed));
            return RunAsync(project, job, parsed.GetValue(json), ct);
        });
        return command;
    }

    /// <summary>The first ad hoc option given, which a dataset's run does not take.</summary>
    private static string? AdHocOption(ParseResult parsed, params Option<string?>[] options) =>
        options.FirstOrDefault(o => parsed.GetValue(o) is not null)?.Name;

    public static TrainingJob FromParams(ProjectData project, string dataset, IReadOnlyList<string>? algos, long? folds, int? seed, string? adHocOption = null)
    {
        if (adHocOption is not null)
            throw CauceException.Usage($"{adHocOption} is for the ad hoc form, not with a dataset", "a dataset's files, target and task come from params.yaml; without a dataset, give --train, --test, --target and --name");
        var config = project.Catalog.Get(dataset);
        var target = config.Target ?? throw new CauceException($"params.yaml: datasets.{dataset} names no target", "add 'target: <column>' to the dataset");
        var processed = config.ProcessedName;
        var trainPath = project.InProject(processed.AsSplit(SplitPart.Train).RelativePath);
        if (!File.Exists(trainPath))
            throw new CauceException($"{project.Display(trainPath)} does not exist yet", $"run 'cauce prepare {dataset}' and 'cauce split {dataset}' first");
        return new TrainingJob(
            dataset,
            project.OpenInput(trainPath),
            project.OpenInput(project.InProject(processed.AsSplit(SplitPart.Test).RelativePath)),
            target,
            config.Task,
            algos ?? config.Train.Algos,
            config.Train.Settings,
            config.Train.Versions,
            seed ?? (int)config.Seed,
            (int)(folds ?? config.Train.Folds))
        {
            Declared = config.DeclaredTypes,
        };
    }

    private static TrainingJob AdHoc(ProjectData project, string? train, string? test, string? target, string? name, string? task, IReadOnlyList<string>? algos, long? folds, int? seed)
    {
        if (train is null || target is null)
            throw CauceException.Usage("name a dataset of params.yaml, or give --train FILE and --target COL", "for example: cauce train clientes --algo rf, or cauce train --train t.csv --test s.csv --target y --name mis-datos --algo rf");
        var input = project.OpenInput(train);
        var dataset = name is null && DatasetFileName.TryParse(Path.GetFileName(input.FullPath)).Value is { } own ? own.Dataset : ProjectData.NameFor(name, input.FullPath);
        return new TrainingJob(
            dataset,
            input,
            test is null ? null : project.OpenInput(test),
            target,
            task is null ? null : PredictionTasks.Parse(task),
            algos ?? [],
            new Dictionary<string, IReadOnlyDictionary<string, double>>(),
            new Dictionary<string, int>(),
            seed ?? 42,
            (int)(folds ?? 0));
    }

    public static async Task<int> RunAsync(ProjectData project, TrainingJob job, bool json, CancellationToken cancellationToken)
    {
        var context = project.Context;
        var version = typeof(TrainCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var cards = await Task.Run(() => job.Run(project.Root, context.Clock, version, algo =>
        {
            if (!json)
                context.Err.MarkupLine($"training [bold]{Markup.Escape(algo)}[/] on {Markup.Escape(job.Train.DisplayPath)}…");
            return null;
        }, cancellationToken), cancellationToken).ConfigureAwait(false);

        if (json)
        {
            context.StdOut.Write(ReportJson.Serialize(cards));
            return (int)ExitCode.Ok;
        }

        Render(project, cards);
        return (int)ExitCode.Ok;
    }

    private static void Render(ProjectData project, IReadOnlyList<ModelCard> cards)
    {
        var console = project.Context.Out;
        var (main, higher) = Metrics.MainMetric(cards[0].Task);
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("model", main, "other metrics", "fit", "file");
        foreach (var card in cards.OrderBy(c => higher ? -Value(c, main) : Value(c, main)))
        {
            var others = string.Join("  ", card.Metrics.Where(m => m.Key != main).Select(m => $"{m.Key} {Format(m.Value)}"));
            table.AddRow(
                Markup.Escape(card.Name),
                card.Metrics.TryGetValue(main, out var value) ? Format(value) : "—",
                Markup.Escape(others),
                card.TrainingSeconds.ToString("0.0 s", CultureInfo.InvariantCulture),
                Markup.Escape(project.Display(project.InProject($"models/{card.Name}.zip"))));
        }

        console.Write(table);
        foreach (var card in cards.Where(c => c.CrossValidation is not null))
        {
            var cv = string.Join("  ", card.CrossValidation!.Select(m => $"{m.Key} {Format(m.Value.Mean)} ± {Format(m.Value.Std)}"));
            console.MarkupLine($"  {Markup.Escape(card.Name)} cross-validation: {Markup.Escape(cv)}");
        }

        var best = cards.Where(c => c.Metrics.ContainsKey(main)).OrderBy(c => higher ? -c.Metrics[main] : c.Metrics[main]).FirstOrDefault();
        if (best is not null)
            console.MarkupLine($"[green]best[/]: {Markup.Escape(best.Name)} ({main} {Format(best.Metrics[main])} on {Markup.Escape(best.Test?.Path ?? "")})");
    }

    private static double Value(ModelCard card, string key) => card.Metrics.TryGetValue(key, out var value) && !double.IsNaN(value) ? value : double.NegativeInfinity;

    internal static string Format(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
