using System.CommandLine;
using Cauce.Core.Conventions;
using Cauce.Core.Errors;
using Cauce.Ml.Modeling;

namespace Cauce.Cli.Commands;

/// <summary>
/// How a command that uses one model is told which: <c>--model rf_clientes_v1</c>, or <c>--alias production</c>
/// (with <c>--dataset</c> when several datasets have one). The same options for predict and serve.
/// </summary>
internal sealed class ModelChoice
{
    public Option<string?> Model { get; } = new("--model", "-m") { Description = "The model: rf_clientes_v1, or its .zip in models/" };

    public Option<string?> Alias { get; } = new("--alias") { Description = "Use the model holding this alias (production, staging) in models/aliases.yaml" };

    public Option<string?> Dataset { get; } = new("--dataset") { Description = "With --alias: whose model, when several datasets have one" };

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(Alias);
        command.Options.Add(Dataset);
    }

    /// <summary>The model the options name; exactly one of --model and --alias must be given.</summary>
    public ModelFileName Resolve(ParseResult parsed, ProjectData project)
    {
        var (model, alias) = (parsed.GetValue(Model), parsed.GetValue(Alias));
        if (model is null == alias is null)
            throw CauceException.Usage("name the model with --model or --alias (one of them)", "for example --model rf_clientes_v1, or --alias production ('cauce models list' shows both)");
        if (parsed.GetValue(Dataset) is not null && alias is null)
            throw CauceException.Usage("--dataset goes with --alias", "a --model name already says its dataset");
        var store = new ModelStore(project.Root);
        return model is not null
            ? store.Resolve(model, project.Context.WorkingDirectory)
            : store.Resolve(new ModelRegistry(project.Root).Find(alias!, parsed.GetValue(Dataset)).Stem, project.Context.WorkingDirectory);
    }
}
