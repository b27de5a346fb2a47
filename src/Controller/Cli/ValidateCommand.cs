using Reconciler.Model.Loading;

namespace Reconciler.Controller.Cli;

/// <summary><c>reconciler validate DIR</c>: every error in the documents, one line each; no AWS call.</summary>
internal static class ValidateCommand
{
    public const string Usage = "reconciler validate DIR";

    public static int Run(CliArguments args, TextWriter output, TextWriter errors)
    {
        var directory = args.Single("desired-state folder (e.g. desired-state/dev)");
        var loaded = StackLoading.Load(directory, errors);
        if (loaded is null)
        {
            return ExitCodes.Error;
        }

        output.WriteLine($"{directory}: {loaded.Resources.Count} resources in stack '{loaded.Stack.Name}' are valid.");
        return ExitCodes.Success;
    }
}
