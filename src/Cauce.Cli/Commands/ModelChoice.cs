using System.CommandLine;
using Cauce.Core.Conventions;
using Cauce.Core.Errors;
using Cauce.Ml.Modeling;

namespace Cauce.Cli.Commands;

/// <summary>
/// How a command that uses one model is told which: <c>--model rf_clientes_v1</c> (or, for a command whose subject
/// is the model, a positional <c>MODEL</c>), or <c>--alias production</c> (with <c>--dataset</c> when several
/// datasets have one). The same rules for predict, serve and export.
/// </summary>
internal sealed class ModelChoice(bool positional = false)
{
    private const string ModelDescription = "The model: rf_clientes_v1, or its .zip in models/";

    public Option<string?> Model { get; } = new("--model", "-m") { Description = ModelDescription };

    public Argument<string?> ModelArgument { get; } = new("model") { Description = ModelDescription, Arity = ArgumentArity.ZeroOrOne };

    public Option<string?> Alias { get; } = new("--alias") { Description = "Use the model holding this alias (production, staging) in models/aliases.yaml" };

    public Option<string?> Dataset { get; } = new("--dataset") { Description = "With --alias: whose model, when several datasets have one" };

    public void AddTo(Command command)
    {
        if (positional)
            command.Arguments.Add(ModelArgument);
        else
            command.Options.Add(Model);
        command.Options.Add(Alias);
        command.Options.Add(Dataset);
    }

    /// <summary>The model the options name; exactly one of --model and --alias must be given.</summary>
    public ModelFileName Resolve(ParseResult parsed, ProjectData project)
    {
        var (model, alias) = (positional ? parsed.GetValue(ModelArgument) : parsed.GetValue(Model), parsed.GetValue(Alias));
        var given = positional ? "the model" : "--model";
        if (model is null == alias is null)
            throw CauceException.Usage(positional ? "name the model or give --alias (one of them)" : "name the model with --model or --alias (one of them)", $"for example {(positional ? "" : "--model ")}rf_clientes_v1, or --alias production ('cauce models list' shows both)");
        if (parsed.GetValue(Dataset) is not null && alias is null)
            throw CauceException.Usage("--dataset goes with --alias", $"{given} name already says its dataset");
        var store = new ModelStore(project.Root);
        return model is not null
            ? store.Resolve(model, project.Context.WorkingDirectory)
            : store.Resolve(new ModelRegistry(project.Root).Find(alias!, parsed.GetValue(Dataset)).Stem, project.Context.WorkingDirectory);
    }
}
