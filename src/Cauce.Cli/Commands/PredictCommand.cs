using System.CommandLine;
using Cauce.Cli.Rendering;
using Cauce.Core.Conventions;
using Cauce.Core.Errors;
using Cauce.Core.Workspace;
using Cauce.Ml.Inference;
using Cauce.Ml.Modeling;
using Spectre.Console;

namespace Cauce.Cli.Commands;

/// <summary>
/// <c>cauce predict --model M|--alias A [--input IN] [--output OUT]</c>: scores a CSV file with a model. Without
/// <c>--input</c> it scores the test split the model was trained with and writes the predictions as data,
/// <c>data/processed/&lt;dataset&gt;-predictions_processed_&lt;date&gt;.csv</c>.
/// </summary>
internal static class PredictCommand
{
    public static Command Create(CliContext context)
    {
        var choice = new ModelChoice();
        var input = new Option<string?>("--input", "-i") { Description = "The CSV to score: the processed columns the model reads (default: its test split)" };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the predictions (default with no --input: data/processed/<dataset>-predictions_processed_<date>.csv)" };
        var ids = new Option<string[]>("--id") { Description = "A column to copy to the output beside each prediction (repeatable; default: the dataset's id columns in params.yaml, else the row number)", AllowMultipleArgumentsPerToken = true };
        var allowExtra = new Option<bool>("--allow-extra") { Description = "Ignore input columns the model does not know instead of refusing the file" };
        var allowUnseen = new Option<bool>("--allow-unseen") { Description = "Score category labels never seen in training as none of the known ones instead of refusing them" };
        var command = new Command("predict", "Score a CSV with a model: checks the columns, types and categories against the model card, streams files of any size, writes the id columns, the prediction and (classifiers) the probability")
        {
            input, output, ids, allowExtra, allowUnseen,
        };
        choice.AddTo(command);
        command.SetAction((parsed, ct) =>
        {
            var project = ProjectData.Find(context);
            var name = choice.Resolve(parsed, project);
            return RunAsync(project, name, parsed.GetValue(input), parsed.GetValue(output), parsed.GetValue(ids) ?? [], parsed.GetValue(allowExtra), parsed.GetValue(allowUnseen), ct);
        });
        return command;
    }

    public static async Task<int> RunAsync(ProjectData project, ModelFileName name, string? inputPath, string? outputPath, IReadOnlyList<string> ids, bool allowExtra, bool allowUnseen, CancellationToken cancellationToken)
    {
        var store = new ModelStore(project.Root);
        var card = store.ReadCard(name);
        var (inputFull, outputFull) = Paths(project, card, inputPath, outputPath);
        var input = Ml.Data.Csv.CsvInput.Open(inputFull, project.Display(inputFull));
        var (_, model) = store.Load(name);
        using (model)
        {
            var request = new PredictRequest(card, model, input, outputFull, ids.Count > 0 ? ids : DefaultIds(project, card, input), allowExtra, allowUnseen);
            var summary = await Feedback.WithFractionAsync(project.Context, $"scoring {input.DisplayPath} with {card.Name}",
                progress => Task.Run(() => BatchPredictor.Predict(request, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);
            project.Context.Out.MarkupLine(System.FormattableString.Invariant(
                $"[green]predicted[/] {summary.Rows:N0} rows with {Markup.Escape(card.Name)} in {summary.Seconds:0.00} s → {Markup.Escape(project.Display(outputFull))} ({Markup.Escape(string.Join(", ", summary.Columns))})"));
        }

        return (int)ExitCode.Ok;
    }

    /// <summary>The file to score and the file to write, checked: the defaults are the test split and the predictions-as-data name.</summary>
    private static (string Input, string Output) Paths(ProjectData project, ModelCard card, string? input, string? output)
    {
        var (inFull, outFull) = Chosen(project, card, input, output);
        if (string.Equals(Path.GetFullPath(inFull), Path.GetFullPath(outFull), StringComparison.Ordinal))
            throw CauceException.Usage($"--output is the file being scored ({project.Display(inFull)}): scoring would overwrite the data it reads", "write the predictions to another file");
        var models = Path.GetFullPath(Path.Combine(project.Root, ProjectLayout.Models)) + Path.DirectorySeparatorChar;
        if (Path.GetFullPath(outFull).StartsWith(models, StringComparison.Ordinal))
            throw CauceException.Usage($"--output {project.Display(outFull)} is in models/, which holds the models and their cards", "write predictions under data/processed/ or outside the project");
        if (Directory.Exists(outFull))
            throw CauceException.Usage($"--output {project.Display(outFull)} is a folder", "name the file to write, e.g. --output predicciones.csv");
        return (inFull, outFull);
    }

    private static (string Input, string Output) Chosen(ProjectData project, ModelCard card, string? input, string? output)
    {
        if (input is not null)
        {
            return output is null
                ? throw CauceException.Usage("say where to write the predictions with --output FILE", "without --input, predict scores the model's test split into data/processed/")
                : (project.Context.FullPath(input), project.Context.FullPath(output));
        }

        var test = card.Test?.Path
            ?? throw CauceException.Usage($"{card.Name} was trained without a test split", "give the rows to score with --input FILE --output FILE");
        var testFull = ProjectPaths.TryResolve(project.Root, test)
            ?? throw DataFileException.In($"models/{card.Name}.json", $"names a test file outside the project ('{test}')", "train the model again with 'cauce train'");
        if (output is not null)
            return (testFull, project.Context.FullPath(output));
        var date = DatasetFileName.TryParse(Path.GetFileName(test)).Value?.Date
            ?? throw CauceException.Usage($"the test file '{test}' has no date in its name to name the predictions by", "say where to write them with --output FILE");
        var predictions = new DatasetFileName(card.Dataset + "-predictions", DataPhase.Processed, date);
        return (testFull, project.InProject(predictions.RelativePath));
    }

    /// <summary>The dataset's id columns from params.yaml that the file has.</summary>
    private static IReadOnlyList<string> DefaultIds(ProjectData project, ModelCard card, Ml.Data.Csv.CsvInput input)
    {
        if (!File.Exists(project.InProject(Core.Pipelines.ParamsFile.FileName)))
            return [];
        var catalog = project.Catalog;
        return catalog.Names.Contains(card.Dataset) ? [.. catalog.Get(card.Dataset).Id.Where(id => input.IndexOf(id) >= 0)] : [];
    }
}
