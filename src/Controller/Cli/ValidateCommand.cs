using System.CommandLine;

namespace Reconciler.Controller.Cli;

/// <summary><c>reconciler validate DIR</c>: every error in the documents, one line each; no AWS call.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var folder = CliSymbols.Folder();
        var command = new Command(
            "validate",
            "Checks every document of DIR (fields, references, variables) and prints each error as FILE:LINE:COL: error: ...; sends nothing to AWS. Exits 0 when valid, 1 otherwise.")
        {
            folder,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(folder), environment.Output, environment.Errors));
        return command;
    }

    public static int Run(string directory, TextWriter output, TextWriter errors)
    {
        var loaded = StackLoading.Load(directory, errors);
        if (loaded is null)
        {
            return ExitCodes.Error;
        }

        output.WriteLine($"{directory}: {loaded.Resources.Count} resources in stack '{loaded.Stack.Name}' are valid.");
        return ExitCodes.Success;
    }
}
