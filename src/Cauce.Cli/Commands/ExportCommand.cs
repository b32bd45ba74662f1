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
        var choice = new ModelChoice(positional: true);
        var command = new Command("onnx",
            $"Write models/<stem>.onnx: featuriser and model in one ONNX graph for ONNX Runtime, fed the raw feature columns ({string.Join(", ", OnnxExport.Exportable)}; xgb cannot be exported)");
        choice.AddTo(command);
        command.SetAction(parsed =>
        {
            var project = ProjectData.Find(context);
            var name = choice.Resolve(parsed, project);
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
}
