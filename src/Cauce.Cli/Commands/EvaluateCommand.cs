using System.CommandLine;
using Cauce.Cli.Rendering;
using Cauce.Core.Errors;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Evaluation;
using Cauce.Ml.Reporting;
using Spectre.Console;

namespace Cauce.Cli.Commands;

/// <summary><c>cauce evaluate MODEL [--data FILE] [--json]</c>: a model's metrics and figures on a labelled file.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "The model: its name (rf_clientes_v1) or its .zip in models/" };
        var data = new Option<string?>("--data", "-d") { Description = "A labelled CSV to measure it on (default: the test file it was trained with)" };
        var json = new Option<bool>("--json") { Description = "Print the metrics as JSON" };
        var command = new Command("evaluate", "Measure a model on labelled data: metrics in reports/metrics/, and figures (ROC, precision-recall, confusion matrix, importance, residuals) in reports/figures/")
        {
            model, data, json,
        };
        command.SetAction((parsed, ct) => RunAsync(ProjectData.Find(context), parsed.GetValue(model)!, parsed.GetValue(data), parsed.GetValue(json), ct));
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
