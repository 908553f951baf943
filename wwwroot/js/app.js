// Small browser helpers called from components through IJSRuntime.
window.dashboard = {
  // Saves text as a file download without a round trip through the server.
  download: function (fileName, contentType, text) {
    const blob = new Blob([text], { type: contentType });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },
  copy: function (text) { return navigator.clipboard.writeText(text); }
};
