using System.CommandLine;
using System.Runtime.InteropServices;
using Cauce.Core.Errors;
using Cauce.Serving;
using Spectre.Console;

namespace Cauce.Cli.Commands;

/// <summary>
/// <c>cauce serve --model M|--alias A [--urls URL]</c>: the HTTP prediction service, until Ctrl+C or SIGTERM.
/// Serving an alias, promoting another model to it swaps that model in without dropping requests.
/// </summary>
internal static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static Command Create(CliContext context)
    {
        var choice = new ModelChoice();
        var urls = new Option<string>("--urls") { Description = "Where to listen (several separated by ';')", DefaultValueFactory = _ => DefaultUrl };
        var maxRows = new Option<long>("--max-rows") { Description = "Rows a request may carry (more gets 413)", DefaultValueFactory = _ => 10_000 }.AtLeast(1);
        var maxBody = new Option<long>("--max-body") { Description = "Bytes a request body may have (more gets 413)", DefaultValueFactory = _ => 4 * 1024 * 1024 }.AtLeast(1024);
        var allowExtra = new Option<bool>("--allow-extra") { Description = "Ignore columns the model does not read instead of refusing the payload" };
        var allowUnseen = new Option<bool>("--allow-unseen") { Description = "Score category labels never seen in training instead of refusing them" };
        var command = new Command("serve", "Serve a model over HTTP: POST /predict (records), POST /invocations (MLflow's dataframe_split and dataframe_records), GET /health, /model, /openapi.json")
        {
            urls, maxRows, maxBody, allowExtra, allowUnseen,
        };
        choice.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            var project = ProjectData.Find(context);
            var name = choice.Resolve(parsed, project);
            var addresses = parsed.GetValue(urls)!;
            foreach (var url in addresses.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    throw CauceException.Usage($"--urls '{url}' is not an http:// address", "for example --urls http://127.0.0.1:8080");
            }

            var settings = new PayloadSettings((int)Math.Min(parsed.GetValue(maxRows), int.MaxValue), parsed.GetValue(maxBody), parsed.GetValue(allowExtra), parsed.GetValue(allowUnseen));
            var version = typeof(ServeCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            var log = (string line) => context.Out.MarkupLine(Markup.Escape(line));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                stop.Cancel();
            });
            await using var server = await PredictionServer.StartAsync(project.Root, name, parsed.GetValue(choice.Alias), addresses, settings, version, log, cancellationToken: ct).ConfigureAwait(false);
            var alias = parsed.GetValue(choice.Alias);
            context.Out.MarkupLine($"[green]serving[/] {Markup.Escape(name.Stem)}{(alias is null ? "" : $" ({Markup.Escape(alias)}: promoting another model swaps it in)")} at {Markup.Escape(string.Join(", ", server.Addresses))}");
            context.Out.MarkupLine("  POST /predict, /invocations · GET /health, /model, /openapi.json · Ctrl+C stops");
            await server.RunUntilAsync(stop.Token).ConfigureAwait(false);
            context.Out.MarkupLine("stopped");
            return (int)ExitCode.Ok;
        });
        return command;
    }
}
