#pragma once

#include <QWidget>

class QCustomPlot;

namespace wb {

struct OpProfile;

// Time by op type of a per-operator profile (the Profile page's chart): horizontal bars, largest on top, the
// twelve largest types and the rest summed as "other", µs per iteration, each bar labelled with its share.
class ProfileChart : public QWidget {
    Q_OBJECT
public:
    explicit ProfileChart(QWidget* parent = nullptr);
    ~ProfileChart() override;

    void setProfile(const OpProfile* profile); // null clears
    int barCount() const { return m_bars; }

private:
    QCustomPlot* m_plot;
    int m_bars = 0;
};

} // namespace wb
