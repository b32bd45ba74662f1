using System.CommandLine;
using System.Text.Json;
using Cauce.Core.Conventions;
using Cauce.Core.Errors;
using Cauce.Core.Workspace;
using Spectre.Console;

namespace Cauce.Cli.Commands;

/// <summary><c>cauce check [PATH] [--json]</c>: lint every naming rule; exit 1 listing each violation.</summary>
internal static class CheckCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create(CliContext context)
    {
        var path = new Argument<string?>("path")
        {
            Description = "A file or folder inside the project to check (default: the whole project)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<bool>("--json") { Description = "Print the violations as a JSON array of {path, rule, message, suggestion}" };
        var command = new Command("check", "Check every file in data/, notebooks/, reports/figures/ and models/ against the naming conventions")
        {
            path,
            json,
        };
        command.SetAction(parsed => Run(context, parsed.GetValue(path), parsed.GetValue(json)));
        return command;
    }

    public static int Run(CliContext context, string? path, bool json)
    {
        var target = context.FullPath(path ?? ".");
        if (!File.Exists(target) && !Directory.Exists(target))
            throw CauceException.Usage($"'{path}' does not exist", "give a file or folder inside the project, or no path to check the whole project");
        var root = ProjectRoot.Find(target);
        var report = ConventionChecker.Check(root, path is null ? null : target);

        if (json)
            context.StdOut.WriteLine(JsonSerializer.Serialize(report.Violations, Json));
        else
            Render(context, report);
        return (int)(report.IsClean ? ExitCode.Ok : ExitCode.Failure);
    }

    private static void Render(CliContext context, CheckReport report)
    {
        var console = context.Out;
        foreach (var violation in report.Violations)
        {
            console.MarkupLine($"[bold]{Markup.Escape(violation.Path)}[/]");
            console.MarkupLine($"  [red]{violation.Rule}[/]: {Markup.Escape(violation.Message)}");
            if (violation.Suggestion is not null)
                console.MarkupLine($"  [green]suggestion[/]: {Markup.Escape(violation.Suggestion)}");
        }

        var files = report.FilesChecked == 1 ? "1 file" : $"{report.FilesChecked} files";
        if (report.IsClean)
            console.MarkupLine($"[green]ok[/]: {files} checked, every name follows the conventions");
        else
            console.MarkupLine($"[red]{report.Violations.Count} naming problem{(report.Violations.Count == 1 ? "" : "s")}[/] in {files} checked");
    }
}
