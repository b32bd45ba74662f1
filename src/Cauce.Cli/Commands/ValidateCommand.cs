using System.CommandLine;
using Cauce.Cli.Rendering;
using Cauce.Core.Errors;
using Cauce.Ml.Data.Validation;
using Cauce.Ml.Reporting;
using Spectre.Console;

namespace Cauce.Cli.Commands;

/// <summary><c>cauce validate DATASET [--input FILE] [--json]</c>: check a file against the dataset's schema and rules.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var dataset = new Argument<string>("dataset") { Description = "A dataset declared in params.yaml" };
        var input = new Option<string?>("--input", "-i") { Description = "Validate this file instead of the dataset's raw file (a new batch, say)" };
        var json = new Option<bool>("--json") { Description = "Print the findings as JSON" };
        var command = new Command("validate", "Check a dataset's file against its declared schema and rules; report every problem with its lines")
        {
            dataset, input, json,
        };
        command.SetAction((parsed, ct) => RunAsync(context, parsed.GetValue(dataset)!, parsed.GetValue(input), parsed.GetValue(json), ct));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string dataset, string? input, bool json, CancellationToken cancellationToken)
    {
        var project = ProjectData.Find(context);
        var config = project.Catalog.Get(dataset);
        var file = input is null ? project.OpenRaw(config) : project.OpenInput(input);
        var report = await Feedback.WithFractionAsync(context, $"validating {file.DisplayPath}",
            progress => Task.Run(() => DatasetValidator.Validate(file, config, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);

        if (json)
            context.StdOut.Write(ReportJson.Serialize(report));
        else
            Render(context, report);
        return (int)(report.Passed ? ExitCode.Ok : ExitCode.Failure);
    }

    private static void Render(CliContext context, ValidationReport report)
    {
        var console = context.Out;
        console.MarkupLine($"validate [bold]{Markup.Escape(report.Dataset)}[/]: {Markup.Escape(report.File)}, {report.Rows:N0} rows");
        foreach (var finding in report.Findings)
        {
            var severity = finding.Severity == Severity.Error ? "[red]error[/]  " : "[yellow]warning[/]";
            var where = finding.Column is null ? "" : $" [bold]{Markup.Escape(finding.Column)}[/]";
            var lines = finding.Lines.Count == 0 ? "" : $" (line{(finding.Lines.Count == 1 ? "" : "s")} {string.Join(", ", finding.Lines)}{(finding.Count > finding.Lines.Count ? ", …" : "")})";
            console.MarkupLine($"{severity} {finding.Rule}{where}: {Markup.Escape(finding.Message)}{lines}");
        }

        var summary = $"{report.Errors} error{(report.Errors == 1 ? "" : "s")}, {report.Warnings} warning{(report.Warnings == 1 ? "" : "s")}";
        console.MarkupLine(report.Passed ? $"[green]passed[/]: {summary}" : $"[red]failed[/]: {summary}");
    }
}
