using Cauce.Cli;

return await CliApp.ForConsole().RunAsync(args).ConfigureAwait(false);
