using System.Text;
using RecoveryCoach.Cli;
using RecoveryCoach.Cli.Output;

Console.OutputEncoding = Encoding.UTF8;
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await CliApp.RunAsync(args, Console.Out, Console.Error, Terminal.UsesColour(args), stop.Token);
