using System.CommandLine;
using Cauce.Core.Errors;
using Cauce.Core.Workspace;
using Spectre.Console;

namespace Cauce.Cli.Commands;

/// <summary><c>cauce init [DIR] [--force]</c>: scaffold a project in the course layout.</summary>
internal static class InitCommand
{
    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("dir")
        {
            Description = "The folder for the new project (made if missing; default: the current folder)",
            DefaultValueFactory = _ => ".",
        };
        var force = new Option<bool>("--force") { Description = "Add what is missing to an existing project; existing files are never overwritten" };
        var command = new Command("init", "Scaffold a project: the course folders, .gitignore, .env.example, .dvc/config with a local remote, params.yaml, dvc.yaml, README")
        {
            directory,
            force,
        };
        command.SetAction(parsed => Run(context, parsed.GetValue(directory)!, parsed.GetValue(force)));
        return command;
    }

    public static int Run(CliContext context, string directory, bool force)
    {
        var result = Scaffolder.Init(context.FullPath(directory), force);
        var console = context.Out;
        var where = ProjectRoot.Relative(context.WorkingDirectory, result.Root);
        console.MarkupLine($"[green]initialised[/] a Cauce project in {Markup.Escape(where == "." ? result.Root : where)}: {result.Created.Count} files written");
        if (result.Kept.Count > 0)
        {
            var kept = result.Kept.Where(k => !k.EndsWith("/.gitkeep", StringComparison.Ordinal)).ToList();
            if (kept.Count > 0)
                console.MarkupLine($"kept as they were: {Markup.Escape(string.Join(", ", kept))}");
        }

        var cd = where == "." ? "" : $"cd {where} && ";
        console.MarkupLine($"next: {Markup.Escape(cd)}cauce sample clientes --rows 10000 && cauce check");
        if (!Directory.Exists(Path.Combine(result.Root, ".git")))
            console.MarkupLine("[grey]tip: run 'git init' there too: DVC keeps its pointer files in git[/]");
        return (int)ExitCode.Ok;
    }
}
