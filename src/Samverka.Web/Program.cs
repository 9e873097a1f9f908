using Samverka.Web.Infrastructure.Cli;
using Samverka.Web.Infrastructure.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddSamverka();
var app = builder.Build();

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(app, args);
}

await DatabaseStartup.RunAsync(app);
app.UseSamverka();
await app.RunAsync();
return 0;

/// <summary>Entry point; public for WebApplicationFactory in the tests.</summary>
public partial class Program;
