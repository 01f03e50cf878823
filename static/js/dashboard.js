// Draws the dashboard's chart from the JSON the page carries; the table below it has the same figures.
document.addEventListener("DOMContentLoaded", function () {
  var canvas = document.getElementById("bieu-do");
  var source = document.getElementById("du-lieu-bieu-do");
  if (!canvas || !source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: [
        { label: "Tỷ lệ nộp báo cáo (%)", data: data.reporting, borderColor: "#b71c1c", backgroundColor: "#b71c1c", tension: 0.2 },
        { label: "Tỷ lệ đúng hạn (%)", data: data.on_time, borderColor: "#2e7d32", backgroundColor: "#2e7d32", tension: 0.2 }
      ]
    },
    options: {
      maintainAspectRatio: false,
      // offset keeps a single month off the axis; clip:false keeps a point at 100 % whole.
      scales: { x: { offset: true }, y: { min: 0, max: 100 } },
      clip: false,
      elements: { point: { radius: 4 } }
    }
  });
});
