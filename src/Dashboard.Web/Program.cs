using Dashboard.Web.Features.Backup;
using Dashboard.Web.Hosting;

if (BackupCommand.IsRequested(args))
{
    return await BackupCommand.RunAsync(args);
}

var app = await DashboardApplication.BuildAsync(args);
await app.RunAsync();
return 0;
