// A live count under text areas that ask for a minimum length (data-min-length), as the server counts:
// characters, without the spaces at both ends. Screen readers hear only when the minimum is reached or lost.
document.querySelectorAll("[data-counter-for]").forEach((counter) => {
  const field = document.getElementById(counter.dataset.counterFor);
  const announcer = document.getElementById(counter.dataset.announcer);
  const minimum = Number(field.dataset.minLength);
  let wasEnough = null;
  const update = () => {
    const count = Array.from(field.value.trim()).length;
    const enough = count >= minimum;
    const text = enough ? counter.dataset.enough : counter.dataset.short;
    counter.textContent = text.replace("{count}", count).replace("{left}", minimum - count);
    counter.classList.toggle("fr-valid-text", enough);
    if (wasEnough !== null && enough !== wasEnough) {
      announcer.textContent = enough ? counter.dataset.reached : counter.dataset.lost;
    }
    wasEnough = enough;
  };
  field.addEventListener("input", update);
  counter.hidden = false;
  update();
});
