using Dashboard.Web.Hosting;

var app = await DashboardApplication.BuildAsync(args);
await app.RunAsync();
