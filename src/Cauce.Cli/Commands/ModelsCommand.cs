using System.CommandLine;
using System.Globalization;
using Cauce.Core.Errors;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Evaluation;
using Cauce.Ml.Reporting;
using Spectre.Console;

namespace Cauce.Cli.Commands;

/// <summary><c>cauce models list|show|promote</c>: the registry of model versions, their cards and aliases.</summary>
internal static class ModelsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("models", "The model registry: list versions, show a card, promote a version to production or staging");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Promote(context));
        return command;
    }

    private static Command List(CliContext context)
    {
        var dataset = new Option<string?>("--dataset") { Description = "Only this dataset's models" };
        var json = new Option<bool>("--json") { Description = "Print the list as JSON" };
        var command = new Command("list", "Every model version with its main metric, aliases and the data it was trained on") { dataset, json };
        command.SetAction(parsed =>
        {
            var project = ProjectData.Find(context);
            var store = new ModelStore(project.Root);
            var registry = new ModelRegistry(project.Root);
            var rows = store.All().Where(m => parsed.GetValue(dataset) is not { } d || m.Dataset == d)
                .Select(m => (Name: m, Card: store.ReadCard(m), Aliases: registry.AliasesOf(m))).ToList();
            if (parsed.GetValue(json))
            {
                context.StdOut.Write(ReportJson.Serialize(rows.Select(r => new
                {
                    model = r.Name.Stem, r.Card.Algo, r.Card.Dataset, r.Card.Version, r.Card.Task, aliases = r.Aliases, r.Card.Metrics, train_md5 = r.Card.Train.Md5, r.Card.Created,
                })));
                return (int)ExitCode.Ok;
            }

            if (rows.Count == 0)
            {
                context.Out.MarkupLine("no models yet: [bold]cauce train <dataset> --algo rf,lgbm,lr[/] makes them");
                return (int)ExitCode.Ok;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("model", "task", "main metric", "aliases", "trained on (md5)", "created");
            foreach (var (name, card, aliases) in rows)
            {
                var (main, _) = Metrics.MainMetric(card.Task);
                table.AddRow(
                    Markup.Escape(name.Stem),
                    card.Task,
                    card.Metrics.TryGetValue(main, out var value) ? $"{main} {TrainCommand.Format(value)}" : "—",
                    Markup.Escape(string.Join(", ", aliases)),
                    Markup.Escape($"{card.Train.Path} ({card.Train.Md5[..8]})"),
                    card.Created);
            }

            context.Out.Write(table);
            return (int)ExitCode.Ok;
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "The model: its name (rf_clientes_v1) or its .zip" };
        var command = new Command("show", "Print a model's card: features, settings, data lineage (paths and MD5s), metrics") { model };
        command.SetAction(parsed =>
        {
            var project = ProjectData.Find(context);
            var store = new ModelStore(project.Root);
            var card = store.ReadCard(store.Resolve(parsed.GetValue(model)!, context.WorkingDirectory));
            context.StdOut.Write(ReportJson.Serialize(card));
            return (int)ExitCode.Ok;
        });
        return command;
    }

    private static Command Promote(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "The model version to promote (rf_clientes_v2)" };
        var alias = new Option<string>("--alias") { Description = "The role: production or staging", DefaultValueFactory = _ => "production" };
        var command = new Command("promote", "Make a model version the dataset's production (or staging) model, recorded in models/aliases.yaml") { model, alias };
        command.SetAction(parsed =>
        {
            var project = ProjectData.Find(context);
            var store = new ModelStore(project.Root);
            var name = store.Resolve(parsed.GetValue(model)!, context.WorkingDirectory);
            store.Load(name).Model.Dispose(); // only a model that loads may be promoted
            var role = parsed.GetValue(alias)!;
            var previous = new ModelRegistry(project.Root).Promote(name, role);
            context.Out.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[green]{Markup.Escape(name.Stem)}[/] is now the {Markup.Escape(role)} model of {Markup.Escape(name.Dataset)}{(previous is null ? "" : $" (it was {Markup.Escape(previous)})")}"));
            return (int)ExitCode.Ok;
        });
        return command;
    }
}
