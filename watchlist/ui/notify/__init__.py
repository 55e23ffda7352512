"""Desktop notifications: one Notifier interface, implementations tried in order.

``FreedesktopNotifier`` (the org.freedesktop.Notifications service over D-Bus, on Linux and
the BSDs) comes first; ``TrayMessageNotifier`` (the tray icon's balloon) is the fallback where
that service is missing and the choice on Windows and macOS. ``NotifierChain`` probes them
without blocking and logs the one it picked; ``RecordingNotifier`` stands in for tests.
"""
