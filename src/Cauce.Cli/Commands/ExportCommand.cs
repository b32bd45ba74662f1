using System.CommandLine;
using System.Globalization;
using Cauce.Core.Conventions;
using Cauce.Core.Errors;
using Cauce.Ml.Inference;
using Cauce.Ml.Modeling;
using Spectre.Console;

namespace Cauce.Cli.Commands;

/// <summary><c>cauce export onnx MODEL|--alias A [--dataset D]</c>: a model as ONNX, <c>models/&lt;stem&gt;.onnx</c> beside its zip.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("export", "Export a model to a format other tools run");
        command.Subcommands.Add(Onnx(context));
        return command;
    }

    private static Command Onnx(CliContext context)
    {
        var model = new Argument<string?>("model") { Description = "The model: rf_clientes_v1, or its .zip in models/", Arity = ArgumentArity.ZeroOrOne };
        var alias = new Option<string?>("--alias") { Description = "Export the model holding this alias (production, staging) in models/aliases.yaml" };
        var dataset = new Option<string?>("--dataset") { Description = "With --alias: whose model, when several datasets have one" };
        var command = new Command("onnx",
            $"Write models/<stem>.onnx: featuriser and model in one ONNX graph for ONNX Runtime, fed the raw feature columns ({string.Join(", ", OnnxExport.Exportable)}; xgb cannot be exported)")
        {
            model, alias, dataset,
        };
        command.SetAction(parsed =>
        {
            var project = ProjectData.Find(context);
            var name = Resolve(project, parsed.GetValue(model), parsed.GetValue(alias), parsed.GetValue(dataset));
            var result = OnnxExport.Export(new ModelStore(project.Root), name);
            var signature = result.Signature;
            context.Out.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[green]exported[/] {Markup.Escape(result.Model)} → {Markup.Escape(project.Display(project.InProject(result.RelativePath)))} ({result.Bytes / 1024.0:0.#} KiB): "
                + $"{signature.Inputs.Count} inputs [[N,1]] named like the features ({signature.InputTypes}), no label; "
                + $"read {Markup.Escape(signature.Output.Name)} {Markup.Escape(signature.Output.Shape)}, {Markup.Escape(signature.Output.Meaning)}"));
            return (int)ExitCode.Ok;
        });
        return command;
    }

    private static ModelFileName Resolve(ProjectData project, string? model, string? alias, string? dataset)
    {
        if (model is null == alias is null)
            throw CauceException.Usage("name the model to export, or give --alias (one of them)", "for example: cauce export onnx rf_clientes_v1, or cauce export onnx --alias production");
        if (dataset is not null && alias is null)
            throw CauceException.Usage("--dataset goes with --alias", "a model's name already says its dataset");
        var store = new ModelStore(project.Root);
        return store.Resolve(model ?? new ModelRegistry(project.Root).Find(alias!, dataset).Stem, project.Context.WorkingDirectory);
    }
}
