/* Ribbon commands. The ribbon button opens the taskpane (ShowTaskpane); no function commands yet. */
Office.onReady(() => {
  // Nothing to register: the shared runtime is already loaded by the taskpane page.
});
