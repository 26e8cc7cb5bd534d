#pragma once

#include "hostconnections.h"

#include <QMap>
#include <QWidget>

class QHBoxLayout;
class QLabel;

namespace wb {

// The status bar's connection indicator: one entry per host used this session ("board: connected"), coloured by
// its state (connecting, connected, lost), with the last detail (the probe's facts, or what was lost and how to
// look) as its tooltip. Driven by HostConnections::stateChanged; it never asks the network itself.
class ConnectionIndicator : public QWidget {
    Q_OBJECT
public:
    explicit ConnectionIndicator(HostConnections* connections, QWidget* parent = nullptr);
    QString text(const QString& host) const; // "board: connected", "" when the host is not shown
    QString toolTip(const QString& host) const;

private:
    void onStateChanged(const QString& host, HostConnections::State state, const QString& detail);

    QHBoxLayout* m_layout;
    QMap<QString, QLabel*> m_labels;
};

} // namespace wb
