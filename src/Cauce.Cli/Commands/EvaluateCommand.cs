using System.CommandLine;
using Cauce.Cli.Rendering;
using Cauce.Core.Errors;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Evaluation;
using Cauce.Ml.Reporting;
using Spectre.Console;

namespace Cauce.Cli.Commands;

/// <summary>
/// <c>cauce evaluate MODEL [--data FILE] [--json]</c>: a model's metrics and figures on a labelled file;
/// <c>cauce evaluate DATASET</c>: every model of the dataset on its test split, compared in one report.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "A model (rf_clientes_v1, or its .zip in models/); or a dataset (clientes) to compare all its models" };
        var data = new Option<string?>("--data", "-d") { Description = "A labelled CSV to measure it on (default: the test file it was trained with)" };
        var json = new Option<bool>("--json") { Description = "Print the metrics as JSON" };
        var command = new Command("evaluate", "Measure a model on labelled data: metrics in reports/metrics/, figures (ROC, precision-recall, confusion matrix, importance, residuals) in reports/figures/; given a dataset, compare all its models in reports/models_<dataset>.md and .html")
        {
            model, data, json,
        };
        command.SetAction((parsed, ct) =>
        {
            var target = parsed.GetValue(model)!;
            var project = ProjectData.Find(context);
            return target.Contains('_', StringComparison.Ordinal) || target.EndsWith(".zip", StringComparison.Ordinal)
                ? RunAsync(project, target, parsed.GetValue(data), parsed.GetValue(json), ct)
                : CompareAsync(project, target, parsed.GetValue(data) is null ? null : "--data", ct);
        });
        return command;
    }

    public static async Task<EvaluationResult> EvaluateAsync(ProjectData project, string modelName, string? data, CancellationToken cancellationToken)
    {
        var store = new ModelStore(project.Root);
        var name = store.Resolve(modelName, project.Context.WorkingDirectory);
        var (card, model) = store.Load(name);
        using (model)
        {
            var dataPath = data ?? card.Test?.Path
                ?? throw CauceException.Usage($"{card.Name} was trained without a test file", "give the data to measure it on with --data FILE");
            var input = data is null ? project.OpenInput(project.InProject(dataPath)) : project.OpenInput(data);
            return await Feedback.WithFractionAsync(project.Context, $"evaluating {card.Name}",
                progress => Task.Run(() => ModelEvaluator.Evaluate(model, card, input, card.Seed, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>Evaluates every model of <paramref name="dataset"/> on the test file it was trained with, and writes the comparison report.</summary>
    public static async Task<int> CompareAsync(ProjectData project, string dataset, string? refusedOption, CancellationToken cancellationToken)
    {
        if (refusedOption is not null)
            throw CauceException.Usage($"{refusedOption} goes with one model, not with a dataset", "each model of a dataset is measured on its own test split");
        var store = new ModelStore(project.Root);
        var models = store.All().Where(m => m.Dataset == dataset).ToList();
        if (models.Count == 0)
        {
            throw new CauceException($"there is no model of '{dataset}' in models/",
                store.All().Count == 0 ? $"train some first: cauce train {dataset} --algo rf,lgbm,lr" : $"the models are: {string.Join(", ", store.All().Select(m => m.Stem))}");
        }

        var results = new List<EvaluationResult>();
        foreach (var model in models)
        {
            var result = await EvaluateAsync(project, model.Stem, null, cancellationToken).ConfigureAwait(false);
            EvaluationOutputs.Write(project.Root, result, project.Context.Today);
            results.Add(result);
        }

        var tasks = results.Select(r => r.Card.Task).Distinct().ToList();
        if (tasks.Count > 1)
            throw new CauceException($"the models of '{dataset}' do different tasks ({string.Join(", ", tasks)}) and cannot be ranked together", "compare models of one task");
        var registry = new ModelRegistry(project.Root);
        var aliases = models.ToDictionary(m => m.Stem, m => registry.AliasesOf(m));
        var written = ComparisonReport.Write(project.Root, dataset, results, aliases, project.Context.Today);

        var (main, higher) = Metrics.MainMetric(tasks[0]);
        var console = project.Context.Out;
        foreach (var (result, rank) in results.OrderBy(r => higher ? -r.Metrics[main] : r.Metrics[main]).Select((r, i) => (r, i + 1)))
            console.MarkupLine($"  {rank}. {Markup.Escape(result.Card.Name)}: {main} {TrainCommand.Format(result.Metrics[main])}");
        console.MarkupLine($"[green]compared[/] {results.Count} models of {Markup.Escape(dataset)}: {Markup.Escape(string.Join(", ", written.Where(w => w.StartsWith("reports/models_", StringComparison.Ordinal)).Select(w => project.Display(project.InProject(w)))))}");
        return (int)ExitCode.Ok;
    }

    public static async Task<int> RunAsync(ProjectData project, string modelName, string? data, bool json, CancellationToken cancellationToken)
    {
        var result = await EvaluateAsync(project, modelName, data, cancellationToken).ConfigureAwait(false);
        var written = EvaluationOutputs.Write(project.Root, result, project.Context.Today);
        if (json)
        {
            project.Context.StdOut.Write(ReportJson.Serialize(result.Metrics));
            return (int)ExitCode.Ok;
        }

        var console = project.Context.Out;
        console.MarkupLine($"[bold]{Markup.Escape(result.Card.Name)}[/] on {Markup.Escape(result.Data)} ({result.Rows:N0} rows)");
        console.MarkupLine("  " + Markup.Escape(string.Join("  ", result.Metrics.Select(m => $"{m.Key} {TrainCommand.Format(m.Value)}"))));
        console.MarkupLine("  most important: " + Markup.Escape(string.Join(", ", result.Importance.Take(5).Select(f => $"{f.Feature} ({TrainCommand.Format(f.Drop)})"))));
        foreach (var path in written)
            console.MarkupLine($"  [grey]{Markup.Escape(project.Display(project.InProject(path)))}[/]");
        return (int)ExitCode.Ok;
    }
}
