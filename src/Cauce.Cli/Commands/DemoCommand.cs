using System.CommandLine;
using System.Reflection;
using Cauce.Core.Errors;
using Cauce.Core.IO;
using Cauce.Core.Pipelines;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Evaluation;
using Cauce.Ml.Modeling.XgBoost;
using Spectre.Console;

namespace Cauce.Cli.Commands;

/// <summary>
/// <c>cauce demo [DIR]</c>: the worked example, end to end, offline — a new project with both example datasets,
/// taken through every step Cauce has. Each capability that lands joins this chain, so it stays the one command
/// that shows everything working.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The example's snapshot date (as in the repository's params.yaml): fixed, so every run writes the same bytes.</summary>
    public const string SnapshotDate = "20250930";

    private static readonly string[] Datasets = ["clientes", "ventas"];

    public static Command Create(CliContext context)
    {
        var directory = new Argument<string?>("dir")
        {
            Description = "Where to make the example project (default: a new folder under the system's temp folder)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var rows = new Option<long>("--rows", "-n") { Description = "Rows per sample dataset", DefaultValueFactory = _ => 20_000 }.AtLeast(100);
        var command = new Command("demo", "Run the worked example in a new project: init, sample, validate, prepare, split, eda, train, evaluate, promote, predict and check, for clientes and ventas")
        {
            directory,
            rows,
        };
        command.SetAction((parsed, ct) => RunAsync(context, parsed.GetValue(directory), parsed.GetValue(rows), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string? directory, long rows, CancellationToken cancellationToken)
    {
        var root = directory is null
            ? Path.Combine(Path.GetTempPath(), "cauce-demo-" + Guid.NewGuid().ToString("N")[..8])
            : context.FullPath(directory);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
            throw new CauceException($"'{root}' is not empty", "give a new or empty folder for the example project");

        Step(context, "init");
        InitCommand.Run(context, root, force: false);
        AtomicFile.WriteAllText(Path.Combine(root, ParamsFile.FileName), ExampleParams());
        var project = new ProjectData(new CliContext(context.StdOut, context.StdErr, root, context.Clock, context.Interactive) { Verbose = context.Verbose }, root);
        foreach (var dataset in Datasets)
        {
            Step(context, $"sample {dataset}");
            await SampleCommand.RunAsync(project.Context, new SampleCommand.SampleRequest(dataset, rows, SampleCommand.DefaultSeed, null, SnapshotDate, Force: false), cancellationToken).ConfigureAwait(false);
        }

        var best = new List<ModelCard>();
        foreach (var dataset in Datasets)
        {
            Step(context, $"validate {dataset}");
            if (await ValidateCommand.RunAsync(project.Context, dataset, null, json: false, cancellationToken).ConfigureAwait(false) != 0)
                throw new CauceException($"the example's {dataset} data did not validate", "this is a bug: report it with the output above");
            var config = project.Catalog.Get(dataset);
            Step(context, $"prepare {dataset}");
            await PrepareCommand.RunAsync(project, config, null, cancellationToken).ConfigureAwait(false);
            Step(context, $"split {dataset}");
            await SplitCommand.RunAsync(project, config, null, cancellationToken).ConfigureAwait(false);
            var raw = config.RawName.RelativePath;
            Step(context, $"eda {raw} --target {config.Target}");
            await EdaCommand.RunAsync(project.Context, new EdaCommand.EdaArguments(raw, config.Target, null, null, Json: false), cancellationToken).ConfigureAwait(false);

            var algos = config.Train.Algos.Where(a => a != "xgb" || XgbBooster.IsAvailable).ToList();
            if (algos.Count < config.Train.Algos.Count)
                context.Out.MarkupLine("[yellow]note[/]: xgb skipped: the XGBoost library is not installed (apt-get install libxgboost0)");
            Step(context, $"train {dataset} --algo {string.Join(',', algos)}");
            var job = TrainCommand.FromParams(project, dataset, algos, null, null);
            await TrainCommand.RunAsync(project, job, json: false, cancellationToken).ConfigureAwait(false);

            var store = new ModelStore(project.Root);
            var cards = store.All().Where(m => m.Dataset == dataset).Select(store.ReadCard).ToList();
            var (main, higher) = Metrics.MainMetric(cards[0].Task);
            var winner = cards.OrderBy(c => higher ? -c.Metrics[main] : c.Metrics[main]).First();
            best.Add(winner);
            Step(context, $"evaluate {dataset}");
            await EvaluateCommand.CompareAsync(project, dataset, null, cancellationToken).ConfigureAwait(false);

            var winnerName = store.Resolve(winner.Name, project.Root);
            Step(context, $"models promote {winner.Name} --alias production");
            new ModelRegistry(project.Root).Promote(winnerName, "production");
            Step(context, $"predict --alias production --dataset {dataset}");
            await PredictCommand.RunAsync(project, new ModelRegistry(project.Root).Find("production", dataset), null, null, [], allowExtra: false, allowUnseen: false, cancellationToken).ConfigureAwait(false);
        }

        Step(context, "check");
        var status = CheckCommand.Run(project.Context, null, json: false);
        context.Out.WriteLine();
        context.Out.MarkupLine($"[bold]example project:[/] {Markup.Escape(root)}");
        context.Out.MarkupLine($"  data:    {Markup.Escape(Path.Combine(root, "data"))} (raw, interim, processed with train/test splits)");
        context.Out.MarkupLine($"  reports: {Markup.Escape(Path.Combine(root, "reports"))} (EDA and model comparison reports in Markdown and HTML, prepare logs, split reports, metrics)");
        context.Out.MarkupLine($"  figures: {Markup.Escape(Path.Combine(root, "reports", "figures"))}");
        context.Out.MarkupLine($"  models:  {Markup.Escape(Path.Combine(root, "models"))} (zip + card per version; aliases.yaml names the production models)");
        context.Out.MarkupLine($"  predictions: {Markup.Escape(Path.Combine(root, "data", "processed"))} (<dataset>-predictions_processed_{SnapshotDate}.csv: each test row scored by the production model)");
        foreach (var card in best)
        {
            var (main, _) = Metrics.MainMetric(card.Task);
            context.Out.MarkupLine($"  best {Markup.Escape(card.Dataset)} model: [green]{Markup.Escape(card.Name)}[/] ({main} {TrainCommand.Format(card.Metrics[main])} on the test split)");
        }

        context.Out.MarkupLine($"  serve one over HTTP: cd {Markup.Escape(root)} && cauce serve --alias production --dataset clientes");

        return status;
    }

    /// <summary>The repository's own params.yaml, embedded at build time.</summary>
    private static string ExampleParams()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Cauce.Example.params.yaml")
            ?? throw new InvalidOperationException("the example params.yaml is not embedded in cauce");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void Step(CliContext context, string name) => context.Out.MarkupLine($"[blue]==>[/] cauce {Markup.Escape(name)}");
}
