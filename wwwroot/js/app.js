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

// Keeps the light/dark choice for a year; the server reads it on the next page load (also on the sign-in page).
window.dashboard.setTheme = function (mode) {
  document.cookie = 'dashboard.theme=' + encodeURIComponent(mode) + '; path=/; max-age=31536000; samesite=lax';
  document.body.classList.toggle('theme-dark', mode === 'dark');
  document.body.classList.toggle('theme-light', mode !== 'dark');
};
